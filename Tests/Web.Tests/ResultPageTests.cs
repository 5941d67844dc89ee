using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace HeadCt.Web.Tests;

/// <summary>
/// Issue 6 part 6: the radiologist's page in a real Chromium against the real AppHost. One flow, in the order a
/// reader would use it: sign in, upload a phantom series, watch it finish, read the result and its images, review,
/// reload, resolve a conflicting edit, delete.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ResultPageTests(WebAppFixture app, ITestOutputHelper output) : ChromiumTest
{
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task GivenPhantomWithLesion_WhenUploadedThroughThePage_ThenResultImagesReviewAndDeleteWork()
    {
        using var series = new PhantomSeries(seed: 7, LesionKind.Subdural);
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.GatewayAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 1100 },
        });
        var page = await context.NewPageAsync();
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);
        page.SetDefaultTimeout(20_000);
        SetDefaultExpectTimeout(20_000);

        await page.GotoAsync("/");
        await SignInAsync(page);

        var id = await UploadAndWatchAsync(page, series);
        using var gateway = app.CreateGatewayClient();
        var (result, _) = await GetResultAsync(gateway, id);

        await AssertModelOutputShownAsync(page, result);
        await AssertSeriesAndGeometryShownAsync(page, result);
        await AssertProjectionsNotBlankAsync(page);
        await AssertSliceViewerScrollsAsync(page, result);
        await AssertOverlayTogglesAsync(page, result);

        var comment = await ReviewSurvivesReloadAsync(page, id);
        await SaveScreenshotAsync(page);
        await ConflictKeepsTypedTextAsync(page, gateway, id, comment);
        await DeleteAsync(page, gateway, id);

        Assert.True(pageErrors.Count == 0, "Script errors on the page: " + string.Join(" | ", pageErrors));
    }

    /// <summary>The result view after review and reload, full page, kept with the test output (docs/result-view.png is one).</summary>
    private async Task SaveScreenshotAsync(IPage page)
    {
        await Expect(page.Locator("#viewer")).ToHaveAttributeAsync("data-shown", new Regex(@"^\d+$"));
        await Expect(page.Locator("#projection-sagittal")).ToHaveAttributeAsync("src", new Regex("^blob:"));
        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "result-view.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"result view screenshot: {screenshot}");
    }

    private async Task SignInAsync(IPage page)
    {
        // Without a key the page asks for one exactly when the gateway refuses anonymous reads (contracts §3).
        using (var anonymous = new HttpClient { BaseAddress = app.GatewayAddress })
        using (var refused = await anonymous.GetAsync("results?limit=1"))
        {
            var banner = page.Locator("#sign-in-needed");
            if (refused.StatusCode == HttpStatusCode.Unauthorized)
            {
                await Expect(banner).ToBeVisibleAsync();
                await Expect(banner).ToContainTextAsync("You are signed out");
                await Expect(page.Locator("#sign-in-organisation")).ToBeFocusedAsync();
                await Expect(page.Locator("#worklist-message")).ToContainTextAsync("You are signed out");
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
                await Expect(page.Locator("#worklist-rows")).ToBeAttachedAsync();
                await Expect(page.Locator("#worklist-message")).ToBeHiddenAsync();
                await Expect(banner).ToBeHiddenAsync();
            }
        }

        await page.GetByLabel("API key").FillAsync(app.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();
        await Expect(page.Locator("#sign-in-state")).ToHaveTextAsync("Key in use for this tab.");
        await Expect(page.Locator("#worklist-message")).ToBeHiddenAsync();
    }

    private async Task<string> UploadAndWatchAsync(IPage page, PhantomSeries series)
    {
        // Every value the progress bar takes, observed as the page sets it (a small upload may report only once).
        await page.EvaluateAsync("""
            () => {
              window.progressSeen = [];
              const bar = document.getElementById('upload-progress');
              new MutationObserver(() => window.progressSeen.push([bar.value, bar.max]))
                .observe(bar, { attributes: true, attributeFilter: ['value', 'max'] });
            }
            """);
        var statuses = new List<string>();
        await page.ExposeFunctionAsync("statusSeen", (string status) => statuses.Add(status));
        await page.EvaluateAsync("""
            () => new MutationObserver(() => window.statusSeen(document.getElementById('status-text').dataset.status ?? ''))
              .observe(document.getElementById('status-text'), { attributes: true, attributeFilter: ['data-status'] })
            """);

        var totalBytes = series.Files.Sum(file => new FileInfo(file).Length);
        await page.Locator("#file-input").SetInputFilesAsync(series.Files);

        await Expect(page).ToHaveURLAsync(new Regex("#/studies/[0-9a-f]{32}$"));
        var id = page.Url[^32..];
        var progress = await page.EvaluateAsync<double[][]>("() => window.progressSeen");
        Assert.Contains(progress, step => step[0] > 0);
        Assert.Equal(totalBytes, progress[^1][1]);
        Assert.Equal(progress[^1][1], progress[^1][0]);
        await Expect(page.Locator("#upload-message")).ToContainTextAsync($"Stored {series.Files.Count} DICOM files");
        await Expect(page.Locator($"#worklist-rows tr[data-id='{id}']")).ToBeAttachedAsync();

        await Expect(page.Locator("#status-text")).ToHaveAttributeAsync("data-status", "completed",
            new() { Timeout = (float)ProcessingTimeout.TotalMilliseconds });
        await Expect(page.Locator("#status-steps li[data-step='done']")).ToHaveClassAsync(new Regex(@"\breached\b"));
        output.WriteLine($"study {id}: statuses seen {string.Join(" → ", statuses)}; progress steps {progress.Length}");
        Assert.Equal("completed", statuses[^1]);
        Assert.DoesNotContain("failed", statuses);
        return id;
    }

    private static async Task AssertModelOutputShownAsync(IPage page, JsonElement result)
    {
        var prediction = result.GetProperty("prediction");
        Assert.Equal(JsonValueKind.Object, prediction.ValueKind);
        var probability = prediction.GetProperty("probability").GetDouble();
        var threshold = prediction.GetProperty("decisionThreshold").GetDouble();
        var model = prediction.GetProperty("model");

        await Expect(page.Locator("#probability")).ToHaveTextAsync(
            (probability * 100).ToString("F1", CultureInfo.InvariantCulture) + " %");
        await Expect(page.Locator("#decision")).ToContainTextAsync(
            probability >= threshold ? "Above the model’s threshold" : "Below the model’s threshold");
        await Expect(page.Locator("#decision")).ToContainTextAsync(threshold.ToString("F2", CultureInfo.InvariantCulture));
        await Expect(page.Locator("#model-identity")).ToHaveTextAsync(
            $"{model.GetProperty("name").GetString()} {model.GetProperty("version").GetString()}");
        await Expect(page.Locator("#intended-use")).ToHaveTextAsync(model.GetProperty("intendedUse").GetString()!);
        await Expect(page.Locator(".finding .notice")).ToBeInViewportAsync();
        await Expect(page.Locator(".finding .notice")).ToContainTextAsync("not a medical device");
    }

    private static async Task AssertSeriesAndGeometryShownAsync(IPage page, JsonElement result)
    {
        var imaging = result.GetProperty("imaging");
        var geometry = imaging.GetProperty("geometry");
        await Expect(page.Locator("#series-decision")).ToContainTextAsync(
            imaging.GetProperty("decision").GetProperty("seriesInstanceUid").GetString()!);
        await Expect(page.Locator("#geometry")).ToContainTextAsync(
            $"{geometry.GetProperty("sizeX").GetInt32()} × {geometry.GetProperty("sizeY").GetInt32()} × {geometry.GetProperty("sizeZ").GetInt32()}");
    }

    private async Task AssertProjectionsNotBlankAsync(IPage page)
    {
        var brain = new Dictionary<string, RenderedPixels>();
        foreach (var plane in new[] { "axial", "coronal", "sagittal" })
        {
            var image = page.Locator($"#projection-{plane}");
            await Expect(image).ToHaveAttributeAsync("data-path", new Regex($"/{plane}\\.png\\?window=brain"));
            var pixels = await RenderedPixels.OfAsync(image);
            output.WriteLine($"{plane} projection (brain): {pixels}");
            AssertNotBlank(pixels, $"{plane} projection");
            brain[plane] = pixels;
        }

        await page.GetByLabel("Projection window").SelectOptionAsync("bone");
        var coronal = page.Locator("#projection-coronal");
        await Expect(coronal).ToHaveAttributeAsync("data-path", new Regex("window=bone"));
        var bone = await RenderedPixels.OfAsync(coronal);
        output.WriteLine($"coronal projection (bone): {bone}");
        AssertNotBlank(bone, "coronal bone projection");
        Assert.NotEqual(brain["coronal"].MeanLuma, bone.MeanLuma);
        await page.GetByLabel("Projection window").SelectOptionAsync("brain");
    }

    private async Task AssertSliceViewerScrollsAsync(IPage page, JsonElement result)
    {
        var count = result.GetProperty("imaging").GetProperty("slices").GetProperty("count").GetInt32();
        var viewer = page.Locator("#viewer");
        var slice = page.Locator("#slice-image");

        await viewer.FocusAsync();
        await page.Keyboard.PressAsync("Home");
        await Expect(viewer).ToHaveAttributeAsync("data-shown", "0");
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(viewer).ToHaveAttributeAsync("data-shown", "1");
        await page.Keyboard.PressAsync("End");
        await Expect(viewer).ToHaveAttributeAsync("data-shown", (count - 1).ToString(CultureInfo.InvariantCulture));
        await Expect(page.GetByLabel("Slice", new() { Exact = true })).ToHaveValueAsync((count - 1).ToString(CultureInfo.InvariantCulture));

        var middle = count / 2;
        await page.GetByLabel("Slice", new() { Exact = true }).FillAsync(middle.ToString(CultureInfo.InvariantCulture));
        await Expect(viewer).ToHaveAttributeAsync("data-shown", middle.ToString(CultureInfo.InvariantCulture));
        var atMiddle = await RenderedPixels.OfAsync(slice);
        output.WriteLine($"slice {middle}: {atMiddle}");
        AssertNotBlank(atMiddle, $"slice {middle}");

        await viewer.HoverAsync();
        await page.Mouse.WheelAsync(0, 120);
        await Expect(viewer).ToHaveAttributeAsync("data-shown", (middle + 3).ToString(CultureInfo.InvariantCulture));
        var afterWheel = await RenderedPixels.OfAsync(slice);
        Assert.NotEqual(atMiddle, afterWheel);
    }

    private async Task AssertOverlayTogglesAsync(IPage page, JsonElement result)
    {
        var keySlices = result.GetProperty("prediction").GetProperty("attention").GetProperty("keySlices");
        var strongest = keySlices[0].GetInt32();
        var viewer = page.Locator("#viewer");
        var heat = page.Locator("#heat-image");
        var toggle = page.GetByLabel("Attention overlay");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Key slice {strongest} (strongest)" }).ClickAsync();
        await Expect(viewer).ToHaveAttributeAsync("data-shown", strongest.ToString(CultureInfo.InvariantCulture));
        await Expect(toggle).ToBeCheckedAsync();
        await Expect(heat).ToBeVisibleAsync();
        var heatPixels = await RenderedPixels.OfAsync(heat);
        output.WriteLine($"heat map at key slice {strongest}: {heatPixels}");
        Assert.True(heatPixels.OpaqueShare > 0, $"The heat map at the key slice is fully transparent: {heatPixels}");
        Assert.True(heatPixels.Width <= 128 && heatPixels.Height <= 128, $"The heat map is larger than 128 px: {heatPixels}");

        var with = await viewer.ScreenshotAsync();
        await toggle.UncheckAsync();
        await Expect(heat).ToBeHiddenAsync();
        var without = await viewer.ScreenshotAsync();
        Assert.NotEqual(with, without);
        await toggle.CheckAsync();
        await Expect(heat).ToBeVisibleAsync();

        await page.GetByLabel("Overlay opacity").FillAsync("100");
        await Expect(heat).ToHaveCSSAsync("opacity", "1");
        var opaque = await viewer.ScreenshotAsync();
        Assert.NotEqual(with, opaque);
        await page.GetByLabel("Overlay opacity").FillAsync("55");
    }

    private static async Task<string> ReviewSurvivesReloadAsync(IPage page, string id)
    {
        var comment = $"Hyperdense crescent along the convexity, reviewed in the browser ({Guid.NewGuid():N}).";
        await page.GetByLabel("Comment").FillAsync(comment);
        await page.GetByLabel("Agree", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save review" }).ClickAsync();
        await Expect(page.Locator("#review-status")).ToContainTextAsync("Saved at");
        await Expect(page.Locator("#saved-comment")).ToHaveTextAsync(comment);

        await page.ReloadAsync();
        await Expect(page.Locator("#study-heading")).ToHaveTextAsync($"Study {id}");
        await Expect(page.Locator("#saved-comment")).ToHaveTextAsync(comment);
        await Expect(page.Locator("#saved-decision")).ToContainTextAsync("agree by development");
        await Expect(page.GetByLabel("Comment")).ToHaveValueAsync(comment);
        await Expect(page.GetByLabel("Agree", new() { Exact = true })).ToBeCheckedAsync();
        return comment;
    }

    private static async Task ConflictKeepsTypedTextAsync(IPage page, HttpClient gateway, string id, string savedComment)
    {
        // Someone else saves after this page read the document: the page's ETag is now stale.
        var (_, etag) = await GetResultAsync(gateway, id);
        var theirs = $"Second reader: no haemorrhage ({Guid.NewGuid():N}).";
        using (var put = new HttpRequestMessage(HttpMethod.Put, $"results/{id}")
        {
            Content = JsonContent.Create(new { comment = theirs, review = new { decision = "disagree" } }),
        })
        {
            put.Headers.TryAddWithoutValidation("If-Match", etag);
            using var response = await gateway.SendAsync(put);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var mine = savedComment + " Addendum typed during the other edit.";
        await page.GetByLabel("Comment").FillAsync(mine);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save review" }).ClickAsync();

        var conflict = page.Locator("#review-conflict");
        await Expect(conflict).ToBeVisibleAsync();
        await Expect(conflict.Locator("#review-conflict-theirs")).ToContainTextAsync(theirs);
        await Expect(conflict.Locator("#review-conflict-yours")).ToContainTextAsync(mine);
        await Expect(page.GetByLabel("Comment")).ToHaveValueAsync(mine);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save mine over theirs" }).ClickAsync();
        await Expect(conflict).ToBeHiddenAsync();
        await Expect(page.Locator("#saved-comment")).ToHaveTextAsync(mine);
        var (stored, _) = await GetResultAsync(gateway, id);
        Assert.Equal(mine, stored.GetProperty("metadata").GetProperty("comment").GetString());
    }

    private static async Task DeleteAsync(IPage page, HttpClient gateway, string id)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete study…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Delete this study?" });
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete permanently" }).ClickAsync();

        await Expect(page.Locator("#worklist-notice")).ToHaveTextAsync($"Study {id} was deleted.");
        await Expect(page.Locator("#worklist")).ToBeVisibleAsync();
        await Expect(page.Locator($"#worklist-rows tr[data-id='{id}']")).ToHaveCountAsync(0);
        using var response = await gateway.GetAsync($"results/{id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var list = await gateway.GetAsync("results?limit=100");
        Assert.DoesNotContain(id, await list.Content.ReadAsStringAsync());
    }

    private static async Task<(JsonElement Result, string ETag)> GetResultAsync(HttpClient gateway, string id)
    {
        using var response = await gateway.GetAsync($"results/{id}");
        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (result, response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("GET /results/{id} sent no ETag."));
    }

    private static void AssertNotBlank(RenderedPixels pixels, string what)
    {
        Assert.True(pixels.Width > 0 && pixels.Height > 0, $"{what} has no pixels");
        Assert.True(pixels.NonBlackShare > 0.1, $"{what} is nearly black: {pixels}");
        Assert.True(pixels.LumaVariance > 100, $"{what} is nearly uniform: {pixels}");
    }
}
