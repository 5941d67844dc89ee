using System.Text.Json;

namespace HeadCt.Web.Tests.Firefox;

/// <summary>
/// The WebDriver commands the page tests use, sent over Marionette in one session. Scripts are function bodies
/// (arguments in <c>arguments</c>); a returned promise is awaited by Firefox, as W3C Execute Script says.
/// </summary>
public sealed class MarionetteClient(MarionetteConnection connection)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public async Task StartSessionAsync(int width, int height)
    {
        await connection.SendAsync("WebDriver:NewSession", new { capabilities = new { alwaysMatch = new { acceptInsecureCerts = false } } });
        await connection.SendAsync("WebDriver:SetTimeouts", new { script = 60_000, pageLoad = 60_000, @implicit = 0 });
        await connection.SendAsync("WebDriver:SetWindowRect", new { width, height });
    }

    public Task NavigateAsync(Uri url) => connection.SendAsync("WebDriver:Navigate", new { url = url.ToString() });

    public async Task<WebElement> FindAsync(string cssSelector)
    {
        var found = await connection.SendAsync("WebDriver:FindElement", new { @using = "css selector", value = cssSelector });
        return WebElement.FromReference(found.GetProperty("value"));
    }

    /// <summary>Types into an element; for an &lt;input type=file multiple&gt; the text is local paths, one a line.</summary>
    public Task SendKeysAsync(WebElement element, string text) =>
        connection.SendAsync("WebDriver:ElementSendKeys", new { id = element.Id, text });

    public Task ClickAsync(WebElement element) => connection.SendAsync("WebDriver:ElementClick", new { id = element.Id });

    public async Task<string> TextOfAsync(WebElement element) =>
        (await connection.SendAsync("WebDriver:GetElementText", new { id = element.Id })).GetProperty("value").GetString()!;

    public async Task<JsonElement> ExecuteAsync(string script, params object?[] arguments)
    {
        var args = arguments.Select(argument => argument is WebElement element ? element.Reference : argument).ToArray();
        return (await connection.SendAsync("WebDriver:ExecuteScript", new { script, args })).GetProperty("value");
    }

    /// <summary>
    /// Runs the script until it returns something other than null, undefined or false, and returns that; the last
    /// answer is in the timeout's message.
    /// </summary>
    public async Task<JsonElement> WaitForAsync(string what, TimeSpan timeout, string script, params object?[] arguments)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var last = default(JsonElement);
        while (!deadline.IsCancellationRequested)
        {
            last = await ExecuteAsync(script, arguments);
            if (last.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False))
            {
                return last;
            }

            await Task.Delay(PollInterval);
        }

        throw new TimeoutException($"Waited {timeout.TotalSeconds} s for {what}; the last answer was {last}.");
    }

    /// <summary>A PNG of the element as rendered (scrolled into view first), or of the whole page without one.</summary>
    public async Task<byte[]> ScreenshotAsync(WebElement? element = null)
    {
        object parameters = element is null ? new { full = true, hash = false } : new { id = element.Id, hash = false };
        var screenshot = await connection.SendAsync("WebDriver:TakeScreenshot", parameters);
        return Convert.FromBase64String(screenshot.GetProperty("value").GetString()!);
    }

    /// <summary>Asks Firefox to shut down; it answers before it exits.</summary>
    public Task QuitAsync() => connection.SendAsync("Marionette:Quit", new { flags = new[] { "eForceQuit" } });
}
