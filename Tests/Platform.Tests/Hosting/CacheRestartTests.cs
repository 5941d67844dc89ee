using HeadCt.Platform.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace HeadCt.Platform.Tests.Hosting;

[Collection(PlatformCollection.Name)]
public sealed class CacheRestartTests(PlatformAppFixture fixture)
{
    [Fact]
    public async Task GivenCacheConnectionString_WhenAValueIsSetAndRead_ThenItIsEqual()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(await fixture.GetCacheConnectionStringAsync());
        var key = $"hosting-test:{Guid.NewGuid():N}";

        await connection.GetDatabase().StringSetAsync(key, "value-1");
        var value = await connection.GetDatabase().StringGetAsync(key);

        Assert.Equal("value-1", value.ToString());
    }

    [Fact]
    public async Task GivenHealthyCache_WhenStopped_ThenItNoLongerAnswersAndStartsAgainWithTheSameConnectionString()
    {
        var connectionString = await fixture.GetCacheConnectionStringAsync();

        await fixture.StopResourceAsync(ResourceNames.Cache);
        var stoppedState = fixture.CurrentSnapshot(ResourceNames.Cache).State?.Text;
        var whileStopped = await Record.ExceptionAsync(() => ConnectAsync(connectionString));
        await fixture.StartResourceAsync(ResourceNames.Cache);

        Assert.Contains(stoppedState, KnownResourceStates.TerminalStates);
        Assert.IsType<RedisConnectionException>(whileStopped);
        Assert.Equal(connectionString, await fixture.GetCacheConnectionStringAsync());
        await AssertCacheAnswersAsync(connectionString);
    }

    [Fact]
    public async Task GivenHealthyCache_WhenRestarted_ThenItIsHealthyAgainAndTheGatewayStaysHealthy()
    {
        await fixture.RestartResourceAsync(ResourceNames.Cache);
        await fixture.WaitForHealthyAsync(ResourceNames.Gateway);

        Assert.Equal(HealthStatus.Healthy, fixture.CurrentSnapshot(ResourceNames.Cache).HealthStatus);
        await AssertCacheAnswersAsync(await fixture.GetCacheConnectionStringAsync());
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = true;
        options.ConnectTimeout = 3000;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    private static async Task AssertCacheAnswersAsync(string connectionString)
    {
        await using var connection = await ConnectAsync(connectionString);
        var latency = await connection.GetDatabase().PingAsync();
        Assert.True(latency < TimeSpan.FromSeconds(5), $"PING took {latency}");
    }
}
