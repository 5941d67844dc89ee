using Microsoft.Playwright;

namespace HeadCt.Web.Tests.Infrastructure;

/// <summary>A test class that gets its own Debian Chromium (<see cref="ChromiumBrowser"/>), started before and closed after it.</summary>
public abstract class ChromiumTest : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    protected IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium did not start.");

    public async Task InitializeAsync() => (_playwright, _browser) = await ChromiumBrowser.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
