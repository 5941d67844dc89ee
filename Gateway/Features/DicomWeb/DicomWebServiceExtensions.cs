using HeadCt.Gateway.Features.DicomWeb.Qido;
using HeadCt.Gateway.Features.DicomWeb.Stow;
using HeadCt.Gateway.Features.DicomWeb.Wado;
using HeadCt.Gateway.Features.Index;
using HeadCt.Gateway.Storage;
using HeadCt.StudyIndex;
using HeadCt.StudyIndex.Storage;
using HeadCt.StudyIndex.Telemetry;
using HeadCt.StudyIndex.Worklist;
using HeadCt.StudyIndex.Writing;

namespace HeadCt.Gateway.Features.DicomWeb;

public static class DicomWebServiceExtensions
{
    /// <summary>
    /// The study index (PostgreSQL), the index hook around the study store, DICOMweb and the worklist, and CORS for
    /// browser viewers. Call after the study store is registered: it is decorated here.
    /// </summary>
    public static IHostApplicationBuilder AddDicomWebAndIndex(this IHostApplicationBuilder builder)
    {
        builder.AddStudyIndex();
        var services = builder.Services;
        services.AddOptions<DicomWebOptions>().BindConfiguration(DicomWebOptions.Section);
        services.AddSingleton(provider => new IndexOutbox(provider.GetRequiredService<DicomContainer>().GetAsync));
        services.AddSingleton<BlobStudySourceFactory>();

        var store = services.Single(descriptor => descriptor.ServiceType == typeof(IStudyStore));
        services.Remove(store);
        services.Add(new ServiceDescriptor(store.ImplementationType!, store.ImplementationType!, store.Lifetime));
        services.AddSingleton<IStudyStore>(provider => new IndexingStudyStore(
            (IStudyStore)provider.GetRequiredService(store.ImplementationType!), provider.GetRequiredService<StudyIndexWriter>(),
            provider.GetRequiredService<IndexOutbox>(), provider.GetRequiredService<IndexTelemetry>(),
            provider.GetRequiredService<WorklistSearch>(), provider.GetRequiredService<BlobStudySourceFactory>(),
            provider.GetRequiredService<ILogger<IndexingStudyStore>>()));

        services.AddSingleton<InstanceBlobs>();
        services.AddSingleton<QidoHandler>();
        services.AddSingleton<WadoHandler>();
        services.AddTransient<StowHandler>();

        var origins = builder.Configuration.GetSection(DicomWebOptions.Section).Get<DicomWebOptions>()?.CorsOrigins ?? [];
        services.AddCors(cors => cors.AddPolicy(DicomWebOptions.CorsPolicy, policy =>
        {
            policy.WithOrigins(origins).AllowAnyMethod()
                .WithHeaders("Authorization", "X-Api-Key", "Accept", "Content-Type", "Cache-Control")
                .WithExposedHeaders("Warning", "Content-Location", "Location");
        }));
        return builder;
    }
}
