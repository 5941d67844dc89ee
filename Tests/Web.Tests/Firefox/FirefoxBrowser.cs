namespace HeadCt.Web.Tests.Firefox;

/// <summary>
/// Debian's Firefox driven over Marionette (Playwright cannot drive it: that needs Mozilla's Juggler patches), one
/// WebDriver session in one window of a fixed size: headless, or with <c>webGl</c> on a virtual display of its own.
/// </summary>
public sealed class FirefoxBrowser : IAsyncDisposable
{
    private readonly FirefoxProcess _process;
    private readonly MarionetteConnection _connection;

    private readonly VirtualDisplay? _display;

    private FirefoxBrowser(FirefoxProcess process, MarionetteConnection connection, VirtualDisplay? display)
    {
        _process = process;
        _display = display;
        _connection = connection;
        Marionette = new MarionetteClient(connection);
    }

    public MarionetteClient Marionette { get; }

    public static async Task<FirefoxBrowser> LaunchAsync(int width, int height, bool webGl = false)
    {
        var display = webGl ? await VirtualDisplay.StartAsync(width + 100, height + 200) : null;
        FirefoxProcess process;
        try
        {
            process = await FirefoxProcess.StartAsync(display);
        }
        catch
        {
            if (display is not null)
            {
                await display.DisposeAsync();
            }

            throw;
        }

        FirefoxBrowser? browser = null;
        try
        {
            browser = new FirefoxBrowser(process, await MarionetteConnection.OpenAsync(process.MarionettePort), display);
            await browser.Marionette.StartSessionAsync(width, height);
            return browser;
        }
        catch
        {
            if (browser is not null)
            {
                await browser.DisposeAsync();
            }
            else
            {
                await process.DisposeAsync();
                if (display is not null)
                {
                    await display.DisposeAsync();
                }
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Marionette.QuitAsync();
        }
        catch (Exception e) when (e is MarionetteException or IOException or OperationCanceledException or InvalidOperationException)
        {
            // No session or a broken connection: the process is killed below.
        }
        finally
        {
            await _connection.DisposeAsync();
            await _process.DisposeAsync();
            if (_display is not null)
            {
                await _display.DisposeAsync();
            }
        }
    }
}
