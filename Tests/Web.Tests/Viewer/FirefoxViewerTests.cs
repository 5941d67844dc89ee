using System.Globalization;
using HeadCt.Web.Tests.Firefox;
using Xunit.Abstractions;

namespace HeadCt.Web.Tests.Viewer;

/// <summary>
/// Issue 20 in Debian's Firefox ESR (a window on Xvfb, WebGL2 from Mesa's llvmpipe), driven over Marionette: the identity
/// banner, three non-blank reformats, the right-sided bleed on the image left of the axial view, a preset that
/// changes the pixels, and on an applicable study the attention overlay with its colour bar and the DICOM SEG.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class FirefoxViewerTests(WebAppFixture app, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(60);

    private FirefoxBrowser? _browser;

    private MarionetteClient Firefox => _browser?.Marionette ?? throw new InvalidOperationException("Firefox did not start.");

    public async Task InitializeAsync() => _browser = await FirefoxBrowser.LaunchAsync(width: 1500, height: 800, webGl: true);

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }

    [Fact]
    public async Task GivenRightSidedBleed_WhenOpenedInFirefox_ThenReformatsPresetAndOrientationAreRight()
    {
        using var series = new PhantomSeries(ViewerStudy.RightSidedBleed());
        using var gateway = app.CreateGatewayClient();
        var id = await ViewerStudy.UploadAsync(gateway, series.Files);

        await OpenViewerAsync(id);
        var patient = await Firefox.TextOfAsync(await Firefox.FindAsync("#identity-banner .identity-patientName dd"));
        Assert.False(string.IsNullOrWhiteSpace(patient) || patient == "—", "The identity banner shows no patient.");

        var pixels = new Dictionary<string, double[]>();
        foreach (var view in new[] { "axial", "coronal", "sagittal" })
        {
            pixels[view] = await PixelsAsync(view);
            Assert.True(pixels[view][1] > 10, $"The {view} view is blank in Firefox: {Describe(pixels[view])}");
        }

        Assert.True(pixels["axial"][2] > pixels["axial"][3] + 3, $"The right-sided bleed is not on the image left of the axial view: {Describe(pixels["axial"])}");
        Assert.StartsWith("R", await Firefox.TextOfAsync(await Firefox.FindAsync("#viewport-axial .orientation-left")), StringComparison.Ordinal);

        await Firefox.ClickAsync(await Firefox.FindAsync("button[data-preset=bone]"));
        await Firefox.WaitForAsync("the bone window", PageTimeout, "return document.getElementById('window-current').textContent === 'W 2800 / L 600';");
        var bone = await PixelsAsync("axial");
        Assert.True(Math.Abs(bone[0] - pixels["axial"][0]) > 5, $"The bone preset did not change the axial pixels: {Describe(pixels["axial"])} → {Describe(bone)}");

        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "viewer-firefox.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await File.WriteAllBytesAsync(screenshot, await Firefox.ScreenshotAsync());
        output.WriteLine($"viewer screenshot: {screenshot}");
        using var deleted = await gateway.DeleteAsync($"results/{id}");
    }

    [Fact]
    public async Task GivenAnApplicablePositiveStudy_WhenOpenedInFirefox_ThenTheOverlayItsColourBarAndTheSegAreShownAndOAndSHideThem()
    {
        using var series = new PhantomSeries(seed: 7, LesionKind.Subdural, ViewerStudy.Patient);
        using var gateway = app.CreateGatewayClient();
        var id = await ViewerStudy.UploadAsync(gateway, series.Files);

        await OpenViewerAsync(id);

        var shown = await Firefox.ExecuteAsync("""
            const bar = document.getElementById('colour-bar');
            return [!bar.hidden && bar.getBoundingClientRect().width > 0, document.querySelector('#colour-bar .colour-bar-threshold').textContent,
                    document.body.dataset.overlay, document.getElementById('verdict').textContent];
            """);
        var values = shown.EnumerateArray().ToArray();
        Assert.True(values[0].GetBoolean(), "The colour bar is not shown.");
        Assert.Matches(@"^\d+ %$", values[1].GetString());
        Assert.Equal("on", values[2].GetString());
        Assert.Contains("haemorrhage suspected", values[3].GetString());

        // The CT is grey; the attention's colours are the only saturated pixels.
        var on = await ColouredPixelsAsync("axial");
        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "viewer-attention-firefox.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await File.WriteAllBytesAsync(screenshot, await Firefox.ScreenshotAsync());
        output.WriteLine($"viewer screenshot: {screenshot}");
        await Firefox.ExecuteAsync("document.dispatchEvent(new KeyboardEvent('keydown', { key: 'o', bubbles: true }));");
        await Firefox.WaitForAsync("the overlay to be off", PageTimeout, "return document.body.dataset.overlay === 'off';");
        var segmentOnly = await ColouredPixelsAsync("axial");
        await Firefox.ExecuteAsync("document.dispatchEvent(new KeyboardEvent('keydown', { key: 's', bubbles: true }));");
        await Firefox.WaitForAsync("the DICOM SEG to be off", PageTimeout, "return document.body.dataset.segmentation === 'off';");
        var neither = await ColouredPixelsAsync("axial");
        output.WriteLine($"coloured axial pixels with the attention and the SEG: {on}; the SEG alone: {segmentOnly}; neither: {neither}");
        Assert.True(on > 500, $"The attention is not drawn over the axial view ({on} coloured pixels).");
        Assert.True(segmentOnly > 50, $"The DICOM SEG is not drawn over the axial view ({segmentOnly} coloured pixels without the attention).");
        Assert.Equal(0, neither);
        using var deleted = await gateway.DeleteAsync($"results/{id}");
    }

    /// <summary>Signs the tab in with the API key, opens the viewer on the study and waits until it is ready.</summary>
    private async Task OpenViewerAsync(string id)
    {
        await Firefox.NavigateAsync(app.GatewayAddress);
        await Firefox.ExecuteAsync("sessionStorage.setItem('headct.apiKey', arguments[0]);", app.ApiKey);
        var webGl2 = await Firefox.ExecuteAsync("return Boolean(document.createElement('canvas').getContext('webgl2'));");
        Assert.True(webGl2.GetBoolean(), "Firefox on Xvfb has no WebGL2 context here (Mesa's llvmpipe, libgl1-mesa-dri, missing?).");

        await Firefox.NavigateAsync(new Uri(app.GatewayAddress, $"viewer.html?id={id}"));
        var state = (await Firefox.WaitForAsync("the viewer to be ready or fail", PageTimeout, """
            const state = document.body.dataset.viewerState;
            return (state === 'ready' || state === 'error') && state;
            """)).GetString();
        var failure = await Firefox.ExecuteAsync("return document.getElementById('viewer-failure').textContent;");
        Assert.True(state == "ready", $"The viewer ended {state}: {failure}");
    }

    private async Task<int> ColouredPixelsAsync(string view)
    {
        await Firefox.ExecuteAsync("return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))));");
        return (await Firefox.ExecuteAsync($"return ({CanvasScripts.ColouredPixels})(arguments[0]);", $"#viewport-{view} .viewport-element")).GetInt32();
    }

    private async Task<double[]> PixelsAsync(string view)
    {
        await Firefox.ExecuteAsync("return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))));");
        var values = await Firefox.ExecuteAsync($"return ({CanvasScripts.LumaStatistics})(arguments[0]);", $"#viewport-{view} .viewport-element");
        var result = values.EnumerateArray().Select(v => v.GetDouble()).ToArray();
        output.WriteLine($"{view}: {Describe(result)}");
        return result;
    }

    private static string Describe(double[] v) => string.Create(CultureInfo.InvariantCulture,
        $"mean {v[0]:F1}, spread {v[1]:F1}, left half {v[2]:F1}, right half {v[3]:F1}");
}
