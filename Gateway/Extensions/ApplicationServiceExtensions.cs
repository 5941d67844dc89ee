using HeadCt.Gateway.Audit;
using HeadCt.Gateway.Features.Delete;
using HeadCt.Gateway.Features.Dimse;
using HeadCt.Gateway.Features.Results;
using HeadCt.Gateway.Features.Upload;
using HeadCt.Gateway.Features.Upload.Deidentification;
using HeadCt.Gateway.Problems;
using HeadCt.Gateway.Security;
using HeadCt.Gateway.Storage;
using HeadCt.Gateway.Telemetry;
using HeadCt.Services.Common.Problems;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var storage = builder.Configuration.GetSection(StudyStorageOptions.Section).Get<StudyStorageOptions>() ?? new();
        builder.AddAzureStorageClients("storage", blobs =>
        {
            blobs.Retry.NetworkTimeout = storage.NetworkTimeout;
            blobs.Retry.MaxRetries = storage.MaxRetries;
        });

        services.AddOptions<UploadLimitsOptions>().BindConfiguration(UploadLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DeidentificationOptions>().BindConfiguration(DeidentificationOptions.Section);
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<UploadLimitsOptions>>((kestrel, upload) =>
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(upload.Value.MinBodyBytesPerSecond, upload.Value.BodyRateGracePeriod));
        services.AddOptions<StudyStorageOptions>().BindConfiguration(StudyStorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ProcessorClientOptions>().BindConfiguration(ProcessorClientOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<GatewayTelemetry>();
        services.AddSingleton<DicomContainer>();
        services.AddSingleton<IStudyStore, BlobStudyStore>();
        services.AddSingleton<IIdempotencyStore, BlobIdempotencyStore>();
        services.AddOptions<ProcessorCredentialOptions>().BindConfiguration(ProcessorCredentialOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddTransient<ProcessorServiceKeyHandler>();
        services.AddHttpClient<ProcessorClient>((provider, http) =>
                http.BaseAddress = new Uri(provider.GetRequiredService<IOptions<ProcessorClientOptions>>().Value.BaseAddress))
            .AddHttpMessageHandler<ProcessorServiceKeyHandler>();
        services.AddTransient<IProcessorQueue>(provider => provider.GetRequiredService<ProcessorClient>());
        services.AddTransient<UploadService>();
        services.AddTransient<DeleteStudyService>();
        services.AddDimse();

        builder.AddGatewayAuthentication();
        services.AddAuditTrail();
        services.AddHeadCtProblemDetails();
        services.AddOpenApi();
        return builder;
    }
}
