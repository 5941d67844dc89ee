using HeadCt.Gateway.Audit;
using HeadCt.Gateway.Features.Delete;
using HeadCt.Gateway.Features.Dimse;
using HeadCt.Gateway.Features.DicomWeb;
using HeadCt.Gateway.Features.Ingest;
using HeadCt.Gateway.Features.Ingest.Deidentification;
using HeadCt.Gateway.Features.Results;
using HeadCt.Gateway.Features.Upload;
using HeadCt.Gateway.Security;
using HeadCt.Gateway.Security.Limits;
using HeadCt.Gateway.Storage;
using HeadCt.Gateway.Storage.Sweeping;
using HeadCt.Gateway.Telemetry;
using HeadCt.Services.Common.Imaging;
using HeadCt.Services.Common.Problems;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var storage = builder.Configuration.GetSection(StudyStorageOptions.Section).Get<StudyStorageOptions>() ?? new();
        builder.AddAzureStorageClients("storage", storage.Resilience);

        services.AddOptions<IngestLimitsOptions>().BindConfiguration(IngestLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PixelBudgetOptions>().BindConfiguration(PixelBudgetOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DeidentificationOptions>().BindConfiguration(DeidentificationOptions.Section);
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<IngestLimitsOptions>>((kestrel, upload) =>
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(upload.Value.MinBodyBytesPerSecond, upload.Value.BodyRateGracePeriod));
        services.AddOptions<StudyStorageOptions>().BindConfiguration(StudyStorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ProcessorClientOptions>().BindConfiguration(ProcessorClientOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SweeperOptions>().BindConfiguration(SweeperOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<GatewayTelemetry>();
        services.AddSingleton<DicomContainer>();
        services.AddSingleton<IStudyStore, BlobStudyStore>();
        services.AddSingleton<IIdempotencyStore, BlobIdempotencyStore>();
        services.AddHostedService<OrphanSweeper>();
        AddProcessorClient(services);
        services.AddTransient<InstanceIngest>();
        services.AddTransient<StudyCommit>();
        services.AddTransient<UploadService>();
        services.AddTransient<DeleteStudyService>();
        services.AddDimse();
        builder.AddDicomWebAndIndex(); // the study index around the study store, DICOMweb, the worklist

        builder.AddGatewayAuthentication();
        services.AddGatewayRateLimits();
        services.AddAuditTrail();
        services.AddHeadCtProblemDetails();
        services.AddOpenApi();
        return builder;
    }

    private static void AddProcessorClient(IServiceCollection services)
    {
        services.AddOptions<ProcessorCredentialOptions>().BindConfiguration(ProcessorCredentialOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddTransient<ProcessorServiceKeyHandler>();
        services.AddSingleton<ProcessorCircuit>();
        services.AddHttpClient<ProcessorClient>((provider, http) =>
                http.BaseAddress = new Uri(provider.GetRequiredService<IOptions<ProcessorClientOptions>>().Value.BaseAddress))
            .AddHttpMessageHandler<ProcessorServiceKeyHandler>()
            .AddProcessorResilience();
        services.AddTransient<IProcessorQueue>(provider => provider.GetRequiredService<ProcessorClient>());

        // The health probe makes one short call of its own: no retries, no breaker.
#pragma warning disable EXTEXP0001 // The documented way to drop, for one client, the handler the service defaults add to all.
        services.AddHttpClient(ProcessorHealthCheck.ClientName, (provider, http) =>
                http.BaseAddress = new Uri(provider.GetRequiredService<IOptions<ProcessorClientOptions>>().Value.BaseAddress))
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        services.AddHealthChecks().AddCheck<ProcessorHealthCheck>("processor", HealthStatus.Degraded, [HealthEndpoints.ReadyTag]);
    }
}
