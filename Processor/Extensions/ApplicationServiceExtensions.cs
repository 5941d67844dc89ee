using HeadCt.Inference.Models;
using HeadCt.Processor.Attention;
using HeadCt.Processor.Index;
using HeadCt.Processor.DicomResults;
using HeadCt.Processor.Inference;
using HeadCt.Processor.Pipeline.Volumes;
using HeadCt.Processor.Pipeline;
using HeadCt.Processor.Problems;
using HeadCt.Processor.Queue;
using HeadCt.Processor.Renderings;
using HeadCt.Processor.Results;
using HeadCt.Processor.Routing;
using HeadCt.Processor.Storage;
using HeadCt.Processor.Telemetry;
using HeadCt.Processor.Worker;
using HeadCt.Services.Common.Imaging;
using HeadCt.Services.Common.Problems;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HeadCt.Processor.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new();
        builder.AddAzureStorageClients("storage", storage.Resilience);
        AddResultCache(builder);

        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<InferenceOptions>().BindConfiguration(InferenceOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ModelSelectionOptions>().BindConfiguration(InferenceOptions.SectionName);
        services.AddOptions<PipelineOptions>().BindConfiguration(PipelineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PixelBudgetOptions>().BindConfiguration(PixelBudgetOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RenderingOptions>().BindConfiguration(RenderingOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ProcessorTelemetry>();
        services.AddSingleton<ResultsContainer>();
        services.AddSingleton<IResultStore, BlobResultStore>();
        builder.AddResultIndexing(); // replaces IResultStore with the indexing decorator over BlobResultStore
        services.AddSingleton<IJobQueue, StorageJobQueue>();
        services.AddSingleton<RenderingStore>();
        services.AddSingleton<IStudyViewLoader, StudyViewLoader>();
        services.AddSingleton<StudyViewCache>();
        services.AddSingleton<StudyImages>();
        services.AddSingleton<IStudyFileSource, BlobStudyFileSource>();
        services.AddSingleton<ImagingStage>();
        services.AddSingleton<ModelRegistry>();
        services.AddHostedService<ModelStartup>();
        services.AddSingleton<AttentionStage>();
        services.AddSingleton<InferenceStage>();
        services.AddSingleton<StudyPixelBudget>();
        services.AddSingleton<StudyMemoryGate>();
        services.AddSingleton<HeadCt.Processor.Shadow.ShadowStage>();
        services.AddSingleton<StudyPipeline>();
        services.AddSingleton<StudyClaimsContainer>();
        services.AddSingleton<StudyClaims>();
        services.AddSingleton<IResultObjectStore, ResultObjectStore>();
        services.AddSingleton<ResultObjectStage>();
        services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.Section);
        services.AddHttpClient(DestinationFactory.HttpClientName);
        services.AddSingleton(provider => new HeadCt.Dimse.Telemetry.DimseTelemetry(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton<IDestinationFactory, DestinationFactory>();
        services.AddSingleton<ResultRouter>();
        services.AddSingleton<RoutingWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<RoutingWorker>());
        services.AddSingleton<JobRunner>();
        services.AddSingleton<JobArrivalSignal>();
        services.AddHostedService<JobWorker>();

        services.AddHeadCtProblemDetails();
        services.AddOpenApi();
        return builder;
    }

    /// <summary>
    /// Redis with short timeouts and no fail-fast at start-up: reads fall back to blob storage while it is away,
    /// and its health check reports "degraded", not "unhealthy".
    /// </summary>
    private static void AddResultCache(IHostApplicationBuilder builder)
    {
        var cacheOptions = builder.Services.AddOptions<ResultCacheOptions>().BindConfiguration(ResultCacheOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        var timeout = builder.Configuration.GetSection(ResultCacheOptions.Section).Get<ResultCacheOptions>()?.TimeoutMilliseconds
            ?? new ResultCacheOptions().TimeoutMilliseconds;
        builder.AddRedisClient("cache", settings => settings.DisableHealthChecks = true, redis =>
        {
            redis.AbortOnConnectFail = false;
            redis.ConnectTimeout = timeout;
            redis.SyncTimeout = timeout;
            redis.AsyncTimeout = timeout;
            redis.ConnectRetry = 1;
        });
        builder.Services.AddSingleton<ResultCache>();
        builder.Services.AddHealthChecks().AddCheck<CacheHealthCheck>("cache", HealthStatus.Degraded, ["ready"]);
    }
}
