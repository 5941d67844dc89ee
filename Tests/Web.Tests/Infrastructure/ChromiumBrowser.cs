using Microsoft.Playwright;

namespace HeadCt.Web.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright (never a downloaded browser), headless, with every host name except
/// 127.0.0.1 unresolvable: the page has to work with no CDN and no internet.
/// </summary>
public static class ChromiumBrowser
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <param name="webGl">
    /// WebGL2 in software (SwiftShader through ANGLE) for the viewer's Cornerstone3D viewports; the other pages keep the
    /// GPU off.
    /// </param>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync(bool webGl = false)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: install Debian's chromium package (.ci/run does).");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                .. webGl ? (string[])["--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"] : ["--disable-gpu"],
                "--no-sandbox", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
            ],
        });
        return (playwright, browser);
    }
}
