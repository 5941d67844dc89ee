using System.Text.RegularExpressions;
using HeadCt.Platform.Tests.Security;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HeadCt.Web.Tests;

/// <summary>
/// Issue 20 §4–§7 in Chromium against the real AppHost: the worklist is the home page, most suspicious first, with the
/// patient and study on every row, an order switch and filters; plain-word messages with the detail folded away;
/// "Sign in with your organisation" through the loopback issuer (PKCE, state, nonce, tokens in memory); reviews under
/// the signed-in name with their history, and no decision where there is no finding.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class WorklistPageTests(WebAppFixture app, ITestOutputHelper output) : ChromiumTest
{
    [Fact]
    public async Task GivenASuspiciousAndAQuietPhantom_WhenTheHomePageOpens_ThenTheSuspiciousComesFirstWithItsIdentityAndOrderAndFiltersFollowTheControls()
    {
        await using var studies = await WorklistStudies.UploadAsync(app, withFailedAndNotApplicable: false);
        Assert.True(studies.SuspiciousResult.GetProperty("prediction").GetProperty("positive").GetBoolean(), "the lesion phantom must be above the threshold");
        Assert.False(studies.QuietResult.GetProperty("prediction").GetProperty("positive").GetBoolean(), "the phantom without a lesion must be below it");
        var uid = (await studies.WorklistItemAsync(studies.SuspiciousId)).GetProperty("studyInstanceUid").GetString()!;
        var (page, errors) = await OpenAsync();
        await SignInWithKeyAsync(page);
        var suspicious = Row(page, studies.SuspiciousId);
        var quiet = Row(page, studies.QuietId);

        await Expect(suspicious).ToBeVisibleAsync();
        await Expect(quiet).ToBeVisibleAsync();
        Assert.True(await PositionAsync(page, studies.SuspiciousId) < await PositionAsync(page, studies.QuietId), "most suspicious first");
        await Expect(suspicious).ToHaveAttributeAsync("data-priority", "true");
        await Expect(suspicious.Locator(".finding-positive")).ToContainTextAsync("Suspected haemorrhage");
        await Expect(quiet.Locator(".finding-negative")).ToContainTextAsync("Below threshold");
        await Expect(suspicious.Locator(".badge.status-completed")).ToHaveTextAsync("Completed");
        foreach (var shown in new[] { "WLALPHA", "WL-ALPHA-71", "ACC-ALPHA-1", "CT HEAD WL ALPHA" })
        {
            await Expect(suspicious).ToContainTextAsync(shown);
            await Expect(quiet).Not.ToContainTextAsync(shown);
        }

        await Expect(quiet).ToContainTextAsync("WL-BRAVO-72");
        await Expect(suspicious.Locator("a.worklist-viewer")).ToHaveAttributeAsync("href", $"/viewer.html?id={studies.SuspiciousId}&study={Uri.EscapeDataString(uid)}");
        await AssertIdentityAdapterAsync(page, await studies.WorklistItemAsync(studies.SuspiciousId));
        await SaveScreenshotAsync(page);

        await page.Locator("#sort-time").CheckAsync();
        await Expect(page.Locator("#worklist-rows")).ToHaveAttributeAsync("data-sort", "time");
        Assert.True(await PositionAsync(page, studies.QuietId) < await PositionAsync(page, studies.SuspiciousId), "newest first");
        await page.Locator("#filter-decision").SelectOptionAsync("positive");
        await Expect(quiet).ToHaveCountAsync(0);
        await Expect(suspicious).ToBeVisibleAsync();
        await page.Locator("#filter-status").SelectOptionAsync("failed");
        await Expect(suspicious).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).ClickAsync();
        await page.Locator("#filter-to").FillAsync("2000-01-01");
        await page.Locator("#filter-to").DispatchEventAsync("change");
        await Expect(suspicious).ToHaveCountAsync(0);
        await Expect(page.Locator("#worklist-empty")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).ClickAsync();
        await Expect(quiet).ToBeVisibleAsync();

        await suspicious.Locator("td").Nth(2).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"#/studies/{studies.SuspiciousId}$"));
        await Expect(page.Locator("#worklist")).ToBeHiddenAsync();
        await Expect(page.Locator("#study-identity")).ToContainTextAsync("WL-ALPHA-71");
        await Expect(page.Locator("#status-text")).ToHaveAttributeAsync("data-status", "completed");
        await page.Locator("#back-to-worklist").ClickAsync();
        await Expect(suspicious).ToBeVisibleAsync();

        await AssertMessagesArePlainAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.Locator("#worklist-message")).ToContainTextAsync("You are signed out");
        await Expect(page.Locator("#worklist-message details")).ToContainTextAsync("401");
        await Expect(page.Locator("#sign-in-needed")).ToBeVisibleAsync();
        Assert.True(errors.Count == 0, "Script errors on the page: " + string.Join(" | ", errors));
    }

    [Fact]
    public async Task GivenTheOrganisationSignIn_WhenStudiesAreReviewed_ThenTheReviewerIsTheSignedInUserTheHistoryShowsItAndFailedOrNotApplicableStudiesTakeNoDecision()
    {
        await using var studies = await WorklistStudies.UploadAsync(app, withFailedAndNotApplicable: true);
        TestOidcIssuer.Instance.SignInAs = new TestOidcUser("u-ada", "Dr Ada Reviewer", ["reviewer"]);
        var (page, errors) = await OpenAsync();

        await page.Locator("#sign-in-organisation").ClickAsync();
        await Expect(page.Locator("#sign-in-state")).ToHaveTextAsync("Signed in as Dr Ada Reviewer (organisation).");
        var asked = TestOidcIssuer.Instance.LastAuthorization;
        Assert.Equal("S256", asked["code_challenge_method"]);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", asked["code_challenge"]);
        Assert.False(string.IsNullOrEmpty(asked["state"]) || string.IsNullOrEmpty(asked["nonce"]));
        Assert.Equal(TestOidcIssuer.ClientId, asked["client_id"]);
        Assert.Equal("issued", TestOidcIssuer.Instance.LastTokenOutcome);
        Assert.DoesNotContain("code=", page.Url);
        var stored = await page.EvaluateAsync<string>("() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })");
        Assert.DoesNotContain("eyJ", stored); // no token (a JWT starts with base64url '{"') in any storage
        await Expect(Row(page, studies.SuspiciousId)).ToBeVisibleAsync();

        await Row(page, studies.SuspiciousId).Locator("a.worklist-open").ClickAsync();
        await Expect(page.Locator("#status-text")).ToHaveAttributeAsync("data-status", "completed");
        await Expect(page.Locator("#review-as")).ToContainTextAsync("Saved as Dr Ada Reviewer");
        await Expect(page.Locator("#review-rule")).ToBeHiddenAsync();
        await page.Locator("#review-decision-agree").CheckAsync();
        await page.Locator("#review-comment").FillAsync("Subdural collection on the left, agree.");
        await page.Locator("#review-save").ClickAsync();
        var latest = page.Locator("#review-history tbody tr").First;
        await Expect(latest.Locator(".review-history-who")).ToHaveTextAsync("Dr Ada Reviewer");
        await Expect(latest.Locator(".review-history-decision")).ToHaveTextAsync("agree");
        await Expect(latest).ToContainTextAsync("Subdural collection on the left, agree.");
        using var gateway = app.CreateGatewayClient();
        var saved = await gateway.GetFromJsonAsync<JsonElement>($"results/{studies.SuspiciousId}");
        Assert.Equal("Dr Ada Reviewer", saved.GetProperty("metadata").GetProperty("review").GetProperty("reviewer").GetString());

        // The token lives in memory only: after a reload the page is signed out and signs in again, back to the same study.
        await page.EvaluateAsync($"() => {{ location.hash = '#/studies/{studies.FailedId}'; }}");
        await page.ReloadAsync();
        await Expect(page.Locator("#sign-in-needed")).ToBeVisibleAsync();
        await page.Locator("#sign-in-organisation").ClickAsync();
        await Expect(page.Locator("#sign-in-state")).ToHaveTextAsync("Signed in as Dr Ada Reviewer (organisation).");
        await Expect(page).ToHaveURLAsync(new Regex($"#/studies/{studies.FailedId}$"));
        await Expect(page.Locator("#status-text")).ToContainTextAsync("The study could not be processed");
        await Expect(page.Locator("#review-rule")).ToContainTextAsync("This study failed, so there is no result to agree or disagree with.");
        await Expect(page.Locator("#review-decision-agree")).ToBeDisabledAsync();
        // The server decides, not the form: a decision forced past the disabled radios is refused in words.
        await page.EvaluateAsync("() => { const radio = document.getElementById('review-decision-agree'); radio.disabled = false; radio.checked = true; }");
        await page.Locator("#review-save").ClickAsync();
        await Expect(page.Locator("#review-message .message-text")).ToHaveTextAsync(
            "This study failed, so there is no result to agree or disagree with. You can still save a comment.");
        await Expect(page.Locator("#review-message details")).ToContainTextAsync("409");
        await Expect(page.Locator("#review-message details")).ToContainTextAsync("review-not-allowed");

        await page.EvaluateAsync($"() => {{ location.hash = '#/studies/{studies.NotApplicableId}'; }}");
        await Expect(page.Locator("#review-rule")).ToContainTextAsync("The model does not apply to this study");
        await Expect(page.Locator("#review-decision-disagree")).ToBeDisabledAsync();
        await page.Locator("#review-comment").FillAsync("Abdomen sent by mistake.");
        await page.Locator("#review-save").ClickAsync();
        var note = page.Locator("#review-history tbody tr").First;
        await Expect(note.Locator(".review-history-who")).ToHaveTextAsync("Dr Ada Reviewer");
        await Expect(note.Locator(".review-history-decision")).ToHaveTextAsync("no decision");
        Assert.True(errors.Count == 0, "Script errors on the page: " + string.Join(" | ", errors));
    }

    private async Task<(IPage Page, List<string> Errors)> OpenAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.GatewayAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.SetDefaultTimeout(20_000);
        SetDefaultExpectTimeout(30_000);
        await page.GotoAsync("/");
        return (page, errors);
    }

    private async Task SignInWithKeyAsync(IPage page)
    {
        await page.GetByLabel("API key").FillAsync(app.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();
        await Expect(page.Locator("#sign-in-state")).ToHaveTextAsync("Key in use for this tab.");
    }

    private static ILocator Row(IPage page, string id) => page.Locator($"#worklist-rows tr[data-id='{id}']");

    private static Task<int> PositionAsync(IPage page, string id) =>
        page.EvaluateAsync<int>("(id) => [...document.querySelectorAll('#worklist-rows tr')].findIndex((tr) => tr.dataset.id === id)", id);

    /// <summary>The row's identity goes through the viewer's identity-banner.js; a de-identified row says so.</summary>
    private static async Task AssertIdentityAdapterAsync(IPage page, JsonElement item)
    {
        var identity = await page.EvaluateAsync<JsonElement>("""
            async (json) => {
              const item = JSON.parse(json);
              const adapter = await import('/app/worklist-identity.js');
              return { plain: adapter.identityFromWorklistItem(item), pseudonym: adapter.identityFromWorklistItem({ ...item, deidentified: true }) };
            }
            """, item.GetRawText());
        var plain = identity.GetProperty("plain");
        foreach (var field in new[] { "patientName", "patientId", "sex", "birthDate", "studyDate", "studyTime", "accession", "description" })
        {
            Assert.False(string.IsNullOrEmpty(plain.GetProperty(field).ToString()), $"identity field {field} is empty");
        }

        Assert.False(plain.GetProperty("deidentified").GetBoolean());
        Assert.True(identity.GetProperty("pseudonym").GetProperty("deidentified").GetBoolean());
        await Expect(page.Locator($"#worklist-rows tr[data-id='{item.GetProperty("id").GetString()}']")).ToHaveAttributeAsync("data-deidentified", "false");
    }

    /// <summary>Failures a reader meets read as plain sentences; the server's text is only in the detail.</summary>
    private static async Task AssertMessagesArePlainAsync(IPage page)
    {
        var messages = await page.EvaluateAsync<string[]>("""
            async () => {
              const m = await import('/app/messages.js');
              return [
                m.plainMessage({ status: 503, problem: { type: 'https://headct.dev/problems/storage-unavailable', detail: 'Nothing of this upload was kept.' } }),
                m.failureMessage('Unexpected OverflowException.'),
                m.plainMessage({ status: 403, problem: { type: 'https://headct.dev/problems/forbidden' } }),
              ];
            }
            """);
        Assert.Equal("The image store is not reachable; uploads and images are paused. Try again in a minute.", messages[0]);
        Assert.DoesNotContain("Exception", messages[1]);
        Assert.Contains("does not allow", messages[2]);
    }

    /// <summary>The worklist with identity on its rows (docs/worklist.png is one).</summary>
    private async Task SaveScreenshotAsync(IPage page)
    {
        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "worklist.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        output.WriteLine($"worklist screenshot: {screenshot}");
    }
}
