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
    public async Task GivenHealthyCache_WhenStoppedAndStartedAgain_ThenItIsHealthyAndServesTheSameConnectionString()
    {
        var connectionStringBefore = await fixture.GetCacheConnectionStringAsync();

        await fixture.StopResourceAsync(ResourceNames.Cache);
        var stoppedState = await fixture.WaitForStateAsync(ResourceNames.Cache, KnownResourceStates.TerminalStates);
        await fixture.StartResourceAsync(ResourceNames.Cache);
        await fixture.WaitForHealthyAsync(ResourceNames.Cache);

        Assert.Contains(stoppedState, KnownResourceStates.TerminalStates);
        Assert.Equal(connectionStringBefore, await fixture.GetCacheConnectionStringAsync());
        await AssertCacheAnswersAsync(connectionStringBefore);
    }

    [Fact]
    public async Task GivenHealthyCache_WhenRestarted_ThenItIsHealthyAgainAndTheServicesStayHealthy()
    {
        await fixture.RestartResourceAsync(ResourceNames.Cache);
        await fixture.WaitForHealthyAsync(ResourceNames.Cache);
        await fixture.WaitForHealthyAsync(ResourceNames.Gateway);

        Assert.Equal(HealthStatus.Healthy, fixture.CurrentSnapshot(ResourceNames.Cache).HealthStatus);
        await AssertCacheAnswersAsync(await fixture.GetCacheConnectionStringAsync());
    }

    private static async Task AssertCacheAnswersAsync(string connectionString)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(connectionString);
        var latency = await connection.GetDatabase().PingAsync();
        Assert.True(latency < TimeSpan.FromSeconds(5), $"PING took {latency}");
    }
}
