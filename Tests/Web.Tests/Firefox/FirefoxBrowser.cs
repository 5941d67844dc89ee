namespace HeadCt.Web.Tests.Firefox;

/// <summary>
/// Debian's Firefox driven over Marionette (Playwright cannot drive it: that needs Mozilla's Juggler patches), one
/// WebDriver session in one headless window of a fixed size.
/// </summary>
public sealed class FirefoxBrowser : IAsyncDisposable
{
    private readonly FirefoxProcess _process;
    private readonly MarionetteConnection _connection;

    private FirefoxBrowser(FirefoxProcess process, MarionetteConnection connection)
    {
        _process = process;
        _connection = connection;
        Marionette = new MarionetteClient(connection);
    }

    public MarionetteClient Marionette { get; }

    public static async Task<FirefoxBrowser> LaunchAsync(int width, int height)
    {
        var process = await FirefoxProcess.StartAsync();
        FirefoxBrowser? browser = null;
        try
        {
            browser = new FirefoxBrowser(process, await MarionetteConnection.OpenAsync(process.MarionettePort));
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
        }
    }
}
