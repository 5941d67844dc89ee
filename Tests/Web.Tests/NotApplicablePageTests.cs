using System.Text.RegularExpressions;
using HeadCt.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HeadCt.Web.Tests;

/// <summary>
/// Issue 15 §4 and §8: a study the model does not apply to (the corpus's abdomen CT: three slices, no intracranial
/// cavity) is shown without a finding — no percentage, no decision — with the reasons in words, every check in the
/// applicability table, and no attention overlay.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class NotApplicablePageTests(WebAppFixture app) : ChromiumTest
{
    private static readonly string AbdomenCt = Path.Combine(RepositoryPaths.Root, "..", "shared", "dicom-corpus", "series", "ct_3slice_implicit_dcmqi");

    [Fact]
    public async Task GivenAStudyTheModelDoesNotApplyTo_WhenOpened_ThenThePageGivesTheReasonsAndNoPercentageOrDecision()
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.GatewayAddress.ToString() });
        var page = await context.NewPageAsync();
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);
        SetDefaultExpectTimeout(20_000);
        await page.GotoAsync("/");
        await page.GetByLabel("API key").FillAsync(app.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();

        await page.Locator("#file-input").SetInputFilesAsync(Directory.GetFiles(AbdomenCt).Order(StringComparer.Ordinal));
        await Expect(page).ToHaveURLAsync(new Regex("#/studies/[0-9a-f]{32}$"));
        var id = page.Url[^32..];
        await Expect(page.Locator("#status-text")).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 90_000 });

        using var gateway = app.CreateGatewayClient();
        var result = await gateway.GetFromJsonAsync<JsonElement>($"results/{id}");
        var applicability = result.GetProperty("applicability");
        Assert.False(applicability.GetProperty("applicable").GetBoolean());
        var head = applicability.GetProperty("checks").EnumerateArray().Single(check => check.GetProperty("name").GetString() == "head");

        await Expect(page.Locator("#not-applicable")).ToBeVisibleAsync();
        await Expect(page.Locator("#not-applicable")).ToContainTextAsync("does not apply");
        await Expect(page.Locator("#not-applicable-reasons")).ToContainTextAsync(head.GetProperty("reason").GetString()!);
        await Expect(page.Locator("#probability")).ToHaveCountAsync(0);
        await Expect(page.Locator("#decision")).ToHaveCountAsync(0);
        await Expect(page.Locator(".finding .probability-value")).ToHaveCountAsync(0);
        await Expect(page.Locator("#applicability tr[data-check='head']")).ToHaveClassAsync("check-failed");
        await Expect(page.Locator("#applicability tr[data-check='modality']")).ToHaveClassAsync("check-passed");
        await Expect(page.Locator("#model-identity")).Not.ToBeEmptyAsync();
        await Expect(page.Locator("#overlay-note")).ToContainTextAsync("the model does not apply to this study");

        using var deleted = await gateway.DeleteAsync($"results/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.True(pageErrors.Count == 0, "Script errors on the page: " + string.Join(" | ", pageErrors));
    }
}
