using HeadCt.Platform.Tests.Infrastructure;
using StackExchange.Redis;

namespace HeadCt.Platform.Tests.Hosting;

/// <summary>The cache fallback for machines without redis-server: Garnet hosted by the CacheServer project.</summary>
public sealed class GarnetCacheTests : IAsyncLifetime
{
    private readonly CapturedLogs _logs = new();
    private readonly string _dataDirectory =
        Path.Combine(Path.GetTempPath(), "headct-platform-tests", Guid.NewGuid().ToString("N"));
    private DistributedApplication? _app;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(PlatformAppFixture.StartupTimeout);
        _app = await AppHostLauncher.StartAsync(
            _logs,
            _dataDirectory,
            ["LocalServices:Mode=executables", "LocalServices:CacheServer=garnet"],
            timeout.Token,
            builder => RemoveAllBut(builder, ResourceNames.Cache));
    }

    [Fact]
    public async Task GivenCacheServerSetToGarnet_WhenTheAppHostStarts_ThenCacheIsHealthyAndServesStackExchangeRedis()
    {
        using var timeout = new CancellationTokenSource(PlatformAppFixture.ResourceTimeout);
        await _app!.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Cache, timeout.Token);
        var connectionString = await _app.GetConnectionStringAsync(ResourceNames.Cache, timeout.Token);

        await using var connection = await ConnectionMultiplexer.ConnectAsync(connectionString!);
        var key = $"garnet-test:{Guid.NewGuid():N}";
        await connection.GetDatabase().StringSetAsync(key, "served by garnet");
        var value = await connection.GetDatabase().StringGetAsync(key);

        Assert.Equal("served by garnet", value.ToString());
        Assert.Contains(_logs.OfResource(ResourceNames.Cache), line => line.Message.Contains("Garnet", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static void RemoveAllBut(IDistributedApplicationTestingBuilder builder, string keep)
    {
        foreach (var resource in builder.Resources.Where(resource => resource.Name != keep).ToList())
        {
            builder.Resources.Remove(resource);
        }
    }
}
