using Azure.Monitor.OpenTelemetry.AspNetCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

public static class OpenTelemetryExtensions
{
    /// <summary>Prefix of every ActivitySource and Meter the HeadCt services create.</summary>
    public const string HeadCtTelemetryPrefix = "HeadCt.*";

    // The Azure SDK only emits ActivitySource spans (instead of DiagnosticSource events) behind this switch.
    private const string AzureActivitySourceSwitch = "Azure.Experimental.EnableActivitySource";
    private const string AzureSdkSources = "Azure.*";

    /// <summary>Set by infra/ (Application Insights); the Azure Monitor distro reads it from configuration itself.</summary>
    public const string ApplicationInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        AppContext.SetSwitch(AzureActivitySourceSwitch, true);

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(HeadCtTelemetryPrefix))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(HeadCtTelemetryPrefix)
                .AddSource(AzureSdkSources)
                .AddAspNetCoreInstrumentation(aspNetCore =>
                    aspNetCore.Filter = context => !HealthEndpoints.IsHealthRequest(context.Request.Path))
                .AddHttpClientInstrumentation());

        builder.AddOpenTelemetryExporters();
        return builder;
    }

    /// <summary>
    /// OTLP when an endpoint is set (the Aspire dashboard, locally), and Azure Monitor (Application Insights) when its
    /// connection string is set (in Azure, by infra/); both at once are allowed.
    /// </summary>
    private static void AddOpenTelemetryExporters<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var otlpEndpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (!string.IsNullOrWhiteSpace(otlpEndpoint))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        if (!string.IsNullOrWhiteSpace(builder.Configuration[ApplicationInsightsConnectionString]))
        {
            builder.Services.AddOpenTelemetry().UseAzureMonitor();
        }
    }
}
