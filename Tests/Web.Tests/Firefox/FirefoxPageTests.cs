using System.Globalization;
using Xunit.Abstractions;

namespace HeadCt.Web.Tests.Firefox;

/// <summary>
/// The radiologist's page in Debian's Firefox against the real AppHost: sign in, upload a phantom series through the
/// file input, watch it complete, read the model output, and see the projections, the slices and the attention
/// overlay by their pixels.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class FirefoxPageTests(WebAppFixture app, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(20);

    // WebDriver key codes (W3C WebDriver §17.4.2).
    private const string ArrowUp = "\uE013";
    private const string ArrowDown = "\uE015";

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private FirefoxBrowser? _browser;

    private MarionetteClient Firefox => _browser?.Marionette ?? throw new InvalidOperationException("Firefox did not start.");

    public async Task InitializeAsync() => _browser = await FirefoxBrowser.LaunchAsync(width: 1440, height: 1100);

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [Fact]
    public async Task GivenPhantomWithLesion_WhenUploadedThroughThePageInFirefox_ThenResultImagesAndOverlayRender()
    {
        using var series = new PhantomSeries(seed: 5, LesionKind.Subdural);
        await Firefox.NavigateAsync(app.GatewayAddress);
        await Firefox.ExecuteAsync("""
            window.scriptErrors = [];
            window.addEventListener('error', (event) => window.scriptErrors.push(String(event.message)));
            window.addEventListener('unhandledrejection', (event) => window.scriptErrors.push(String(event.reason)));
            """);
        await SignInAsync();

        var id = await UploadAndWaitForCompletionAsync(series);
        using var gateway = app.CreateGatewayClient();
        var result = await gateway.GetFromJsonAsync<JsonElement>($"results/{id}");

        await AssertModelOutputShownAsync(result);
        await AssertProjectionsNotBlankAsync();
        await AssertSliceViewerShowsAndStepsAsync(result);
        await AssertOverlayTogglesAsync(result);
        await SaveScreenshotAsync();

        var errors = await Firefox.ExecuteAsync("return window.scriptErrors;");
        Assert.True(errors.GetArrayLength() == 0, $"Script errors on the page: {errors}");
        using var deleted = await gateway.DeleteAsync($"results/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    private async Task SignInAsync()
    {
        await Firefox.SendKeysAsync(await Firefox.FindAsync("#api-key"), app.ApiKey);
        await Firefox.ClickAsync(await Firefox.FindAsync("#sign-in button[type=submit]"));
        await Firefox.WaitForAsync("the page to take the key", PageTimeout,
            "return document.getElementById('sign-in-state').textContent === 'Key in use for this tab.';");
    }

    private async Task<string> UploadAndWaitForCompletionAsync(PhantomSeries series)
    {
        await Firefox.SendKeysAsync(await Firefox.FindAsync("#file-input"), string.Join('\n', series.Files));

        var id = (await Firefox.WaitForAsync("the uploaded study in the URL", PageTimeout,
            "const match = /^#\\/studies\\/([0-9a-f]{32})$/.exec(location.hash); return match && match[1];")).GetString()!;
        Assert.Contains($"Stored {series.Files.Count} DICOM files", await Firefox.TextOfAsync(await Firefox.FindAsync("#upload-message")));

        var status = (await Firefox.WaitForAsync("the study to complete or fail", ProcessingTimeout, """
            const status = document.getElementById('status-text').dataset.status;
            return (status === 'completed' || status === 'failed') && status;
            """)).GetString();
        var statusText = await Firefox.TextOfAsync(await Firefox.FindAsync("#status-text"));
        Assert.True(status == "completed", $"Study {id} ended {status}: {statusText}");
        output.WriteLine($"study {id}: {statusText}");
        return id;
    }

    private async Task AssertModelOutputShownAsync(JsonElement result)
    {
        var prediction = result.GetProperty("prediction");
        var model = prediction.GetProperty("model");
        await Firefox.WaitForAsync("the model output", PageTimeout, "return document.getElementById('probability') !== null;");

        Assert.Equal(
            (prediction.GetProperty("probability").GetDouble() * 100).ToString("F1", CultureInfo.InvariantCulture) + " %",
            await Firefox.TextOfAsync(await Firefox.FindAsync("#probability")));
        Assert.Equal(
            $"{model.GetProperty("name").GetString()} {model.GetProperty("version").GetString()}",
            await Firefox.TextOfAsync(await Firefox.FindAsync("#model-identity")));
    }

    private async Task AssertProjectionsNotBlankAsync()
    {
        foreach (var plane in new[] { "axial", "coronal", "sagittal" })
        {
            var image = await Firefox.FindAsync($"#projection-{plane}");
            await Firefox.WaitForAsync($"the {plane} projection", PageTimeout,
                "const img = arguments[0]; return img.src.startsWith('blob:') && (img.dataset.path ?? '').includes(arguments[1]);",
                image, $"/{plane}.png?window=brain");
            var pixels = await ImagePixels.OfAsync(Firefox, image);
            output.WriteLine($"{plane} projection: {pixels}");
            Assert.True(pixels.LooksLikeAnImage, $"The {plane} projection is blank: {pixels}");
        }
    }

    private async Task AssertSliceViewerShowsAndStepsAsync(JsonElement result)
    {
        var count = result.GetProperty("imaging").GetProperty("slices").GetProperty("count").GetInt32();
        var viewer = await Firefox.FindAsync("#viewer");
        var slice = await Firefox.FindAsync("#slice-image");
        var first = await ShownSliceAsync(viewer, expected: null);
        var firstPixels = await ImagePixels.OfAsync(Firefox, slice);
        output.WriteLine($"slice {first}: {firstPixels}");
        Assert.True(firstPixels.LooksLikeAnImage, $"Slice {first} is blank: {firstPixels}");

        var (key, next) = first < count - 1 ? (ArrowUp, first + 1) : (ArrowDown, first - 1);
        await Firefox.SendKeysAsync(viewer, key);
        await ShownSliceAsync(viewer, next);
        var nextPixels = await ImagePixels.OfAsync(Firefox, slice);
        output.WriteLine($"slice {next}: {nextPixels}");
        Assert.True(nextPixels.LooksLikeAnImage, $"Slice {next} is blank: {nextPixels}");
        Assert.NotEqual(firstPixels, nextPixels);
    }

    private async Task AssertOverlayTogglesAsync(JsonElement result)
    {
        var strongest = result.GetProperty("prediction").GetProperty("attention").GetProperty("keySlices")[0].GetInt32();
        var viewer = await Firefox.FindAsync("#viewer");
        var heat = await Firefox.FindAsync("#heat-image");
        var toggle = await Firefox.FindAsync("#overlay-toggle");

        await Firefox.ClickAsync(await Firefox.FindAsync($"#key-slices button[data-slice='{strongest}']"));
        await ShownSliceAsync(viewer, strongest);
        await WaitForOverlayAsync(heat, shown: true);
        var heatPixels = await ImagePixels.OfAsync(Firefox, heat);
        output.WriteLine($"heat map at key slice {strongest}: {heatPixels}");
        Assert.True(heatPixels.OpaqueShare > 0, $"The heat map at the key slice is fully transparent: {heatPixels}");

        // Both screenshots are taken with the focus on the switch, so only the overlay differs between them.
        await Firefox.ClickAsync(toggle);
        await WaitForOverlayAsync(heat, shown: false);
        var without = await Firefox.ScreenshotAsync(viewer);
        await Firefox.ClickAsync(toggle);
        await WaitForOverlayAsync(heat, shown: true);
        var with = await Firefox.ScreenshotAsync(viewer);
        Assert.NotEqual(without, with);
    }

    private async Task<int> ShownSliceAsync(WebElement viewer, int? expected)
    {
        var shown = await Firefox.WaitForAsync(expected is null ? "a slice" : $"slice {expected}", PageTimeout,
            "const shown = arguments[0].dataset.shown; return shown !== undefined && (arguments[1] === null || shown === String(arguments[1])) && shown;",
            viewer, expected);
        return int.Parse(shown.GetString()!, CultureInfo.InvariantCulture);
    }

    private Task WaitForOverlayAsync(WebElement heat, bool shown) =>
        Firefox.WaitForAsync($"the overlay {(shown ? "on" : "off")}", PageTimeout,
            "const heat = arguments[0]; return document.getElementById('overlay-toggle').checked === arguments[1] && heat.hidden !== arguments[1];",
            heat, shown);

    /// <summary>The result view as Firefox renders it, full page, kept with the test output.</summary>
    private async Task SaveScreenshotAsync()
    {
        var png = await Firefox.ScreenshotAsync();
        Assert.Equal(PngSignature, png.Take(PngSignature.Length));
        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "result-view-firefox.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await File.WriteAllBytesAsync(screenshot, png);
        output.WriteLine($"result view screenshot (Firefox): {screenshot}");
    }
}
