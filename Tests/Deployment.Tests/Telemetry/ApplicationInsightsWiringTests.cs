using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace HeadCt.Deployment.Tests.Telemetry;

/// <summary>ServiceDefaults sends OpenTelemetry to Application Insights exactly when APPLICATIONINSIGHTS_CONNECTION_STRING is set.</summary>
public class ApplicationInsightsWiringTests
{
    [Fact]
    public void GivenTheConnectionString_WhenTheServiceDefaultsAreAdded_ThenTheAzureMonitorExporterIsRegistered()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration[OpenTelemetryExtensions.ApplicationInsightsConnectionString] =
            "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/";
        builder.AddServiceDefaults();

        Assert.Contains(builder.Services, IsAzureMonitor);
        using var app = builder.Build();
    }

    [Fact]
    public void GivenNoConnectionString_WhenTheServiceDefaultsAreAdded_ThenNothingOfAzureMonitorIsRegistered()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration[OpenTelemetryExtensions.ApplicationInsightsConnectionString] = "";
        builder.AddServiceDefaults();

        Assert.DoesNotContain(builder.Services, IsAzureMonitor);
    }

    private static bool IsAzureMonitor(Microsoft.Extensions.DependencyInjection.ServiceDescriptor descriptor) =>
        (descriptor.ServiceType.FullName ?? "").StartsWith("Azure.Monitor", StringComparison.Ordinal)
        || (descriptor.ImplementationType?.FullName ?? "").StartsWith("Azure.Monitor", StringComparison.Ordinal);
}
