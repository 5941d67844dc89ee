using HeadCt.Platform.Tests.Security;

namespace HeadCt.Web.Tests.Firefox;

/// <summary>
/// Issue 20 in Debian's Firefox against the real AppHost: organisation sign-in through the loopback issuer, the
/// worklist most suspicious first with identity on the rows, the order switch and a filter, a review recorded under the
/// signed-in name with its history, and a decision refused in words on a study the model does not apply to.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class FirefoxWorklistTests(WebAppFixture app) : IAsyncLifetime
{
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(30);

    private FirefoxBrowser? _browser;

    private MarionetteClient Firefox => _browser?.Marionette ?? throw new InvalidOperationException("Firefox did not start.");

    public async Task InitializeAsync() => _browser = await FirefoxBrowser.LaunchAsync(width: 1440, height: 900);

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [Fact]
    public async Task GivenTheOrganisationSignInInFirefox_WhenTheWorklistIsUsedAndAStudyReviewed_ThenOrderIdentityFiltersAndReviewRulesHold()
    {
        await using var studies = await WorklistStudies.UploadAsync(app, withFailedAndNotApplicable: true);
        TestOidcIssuer.Instance.SignInAs = new TestOidcUser("u-fox", "Dr Firefox Reviewer", ["reviewer"]);
        await Firefox.NavigateAsync(app.GatewayAddress);

        await WaitAsync("the organisation sign-in button", "return !document.getElementById('sign-in-organisation').hidden;");
        await Firefox.ClickAsync(await Firefox.FindAsync("#sign-in-organisation"));
        await WaitAsync("the signed-in name", "return document.getElementById('sign-in-state').textContent === 'Signed in as Dr Firefox Reviewer (organisation).';");
        await Firefox.ExecuteAsync("""
            window.scriptErrors = [];
            window.addEventListener('error', (event) => window.scriptErrors.push(String(event.message)));
            """);
        Assert.Equal("S256", TestOidcIssuer.Instance.LastAuthorization["code_challenge_method"]);
        var stored = await Firefox.ExecuteAsync("return JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });");
        Assert.DoesNotContain("eyJ", stored.GetString());

        var rowsInOrder = $"return (() => {{ const ids = [...document.querySelectorAll('#worklist-rows tr')].map((tr) => tr.dataset.id); " +
                          $"const a = ids.indexOf('{studies.SuspiciousId}'), b = ids.indexOf('{studies.QuietId}'); return a >= 0 && b >= 0 && [a, b]; }})();";
        var priority = await WaitAsync("both phantoms on the worklist", rowsInOrder);
        Assert.True(priority[0].GetInt32() < priority[1].GetInt32(), "most suspicious first");
        var row = await Firefox.FindAsync($"#worklist-rows tr[data-id='{studies.SuspiciousId}']");
        var text = await Firefox.TextOfAsync(row);
        foreach (var shown in new[] { "WLALPHA", "WL-ALPHA-71", "ACC-ALPHA-1", "CT HEAD WL ALPHA", "Suspected haemorrhage" })
        {
            Assert.Contains(shown, text);
        }

        await Firefox.ClickAsync(await Firefox.FindAsync("#sort-time"));
        var byTime = await WaitAsync("both phantoms newest first", rowsInOrder.Replace("return a >= 0 && b >= 0 && [a, b];", "return a >= 0 && b >= 0 && document.getElementById('worklist-rows').dataset.sort === 'time' && [a, b];"));
        Assert.True(byTime[1].GetInt32() < byTime[0].GetInt32(), "newest first");
        await Firefox.ExecuteAsync("const select = document.getElementById('filter-decision'); select.value = 'positive'; select.dispatchEvent(new Event('change', { bubbles: true }));");
        await WaitAsync("the quiet phantom filtered out",
            $"return !document.querySelector(\"#worklist-rows tr[data-id='{studies.QuietId}']\") && !!document.querySelector(\"#worklist-rows tr[data-id='{studies.SuspiciousId}']\");");

        await Firefox.ClickAsync(await Firefox.FindAsync($"#worklist-rows tr[data-id='{studies.SuspiciousId}'] a.worklist-open"));
        await WaitAsync("the study completed", "return document.getElementById('status-text').dataset.status === 'completed' && !!document.getElementById('review-decision-disagree');");
        await WaitAsync("the reviewer's name", "return document.getElementById('review-as').textContent.includes('Dr Firefox Reviewer');");
        await Firefox.ClickAsync(await Firefox.FindAsync("#review-decision-disagree"));
        await Firefox.SendKeysAsync(await Firefox.FindAsync("#review-comment"), "Looks like a vessel.");
        await Firefox.ClickAsync(await Firefox.FindAsync("#review-save"));
        await WaitAsync("the history entry",
            "const row = document.querySelector('#review-history tbody tr'); return row && row.querySelector('.review-history-who').textContent === 'Dr Firefox Reviewer' && row.querySelector('.review-history-decision').textContent === 'disagree';");

        await Firefox.ExecuteAsync($"location.hash = '#/studies/{studies.NotApplicableId}';");
        await WaitAsync("the not-applicable rule", "const rule = document.getElementById('review-rule'); return !rule.hidden && rule.textContent.includes('The model does not apply to this study');");
        await Firefox.ExecuteAsync("const radio = document.getElementById('review-decision-agree'); radio.disabled = false; radio.checked = true;");
        await Firefox.ClickAsync(await Firefox.FindAsync("#review-save"));
        await WaitAsync("the refusal in words",
            "const m = document.querySelector('#review-message .message-text'); return m && m.textContent.startsWith('The model does not apply to this study, so there is no finding') && document.querySelector('#review-message details').textContent.includes('409');");

        var errors = await Firefox.ExecuteAsync("return window.scriptErrors;");
        Assert.True(errors.GetArrayLength() == 0, $"Script errors on the page: {errors}");
    }

    private Task<JsonElement> WaitAsync(string what, string script) => Firefox.WaitForAsync(what, PageTimeout, script);
}
