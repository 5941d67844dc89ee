using System.Net;
using HeadCt.Platform.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HeadCt.Platform.Tests.Hosting;

[Collection(PlatformCollection.Name)]
public sealed class ResourceHealthTests(PlatformAppFixture fixture)
{
    [Theory]
    [InlineData(ResourceNames.Storage)]
    [InlineData(ResourceNames.Cache)]
    [InlineData(ResourceNames.Postgres)]
    [InlineData(ResourceNames.Processor)]
    [InlineData(ResourceNames.Gateway)]
    public void GivenStartedAppHost_WhenResourceIsInspected_ThenItRunsAndReportsHealthy(string resourceName)
    {
        var snapshot = fixture.CurrentSnapshot(resourceName);

        Assert.Equal(KnownResourceStates.Running, snapshot.State?.Text);
        Assert.Equal(HealthStatus.Healthy, snapshot.HealthStatus);
        Assert.NotEmpty(snapshot.HealthReports);
    }

    [Fact]
    public async Task GivenRunningGateway_WhenHealthIsRequested_ThenItAnswers200()
    {
        using var client = fixture.CreateGatewayClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GivenRunningGateway_WhenAliveIsRequested_ThenItAnswers200()
    {
        using var client = fixture.CreateGatewayClient();

        using var response = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
