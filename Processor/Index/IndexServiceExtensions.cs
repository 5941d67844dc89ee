using Azure.Storage.Blobs;
using HeadCt.Processor.Results;
using HeadCt.Processor.Storage;
using HeadCt.StudyIndex;
using HeadCt.StudyIndex.Reconcile;
using HeadCt.StudyIndex.Storage;
using HeadCt.StudyIndex.Telemetry;
using HeadCt.StudyIndex.Writing;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Index;

public static class IndexServiceExtensions
{
    /// <summary>
    /// The study index for the processor: result writes go through <see cref="IndexingResultStore"/>, and the outbox
    /// reconciler runs here (the processor reads both the DICOM and the results container).
    /// </summary>
    public static IHostApplicationBuilder AddResultIndexing(this IHostApplicationBuilder builder)
    {
        builder.AddStudyIndex();
        var services = builder.Services;
        services.AddSingleton(provider =>
        {
            var blobs = provider.GetRequiredService<BlobServiceClient>();
            var dicom = blobs.GetBlobContainerClient(provider.GetRequiredService<IOptions<StorageOptions>>().Value.DicomContainer);
            return new IndexOutbox(async cancellationToken =>
            {
                await HeadCt.Services.Common.Storage.StorageCalls.Run(() => dicom.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
                return dicom;
            });
        });
        services.AddSingleton(provider =>
        {
            var blobs = provider.GetRequiredService<BlobServiceClient>();
            var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new BlobStudySource(blobs.GetBlobContainerClient(storage.DicomContainer), blobs.GetBlobContainerClient(storage.ResultsContainer),
                provider.GetRequiredService<ILogger<BlobStudySource>>());
        });
        services.AddSingleton(provider => new IndexReconciler(
            provider.GetRequiredService<IndexOutbox>(), provider.GetRequiredService<BlobStudySource>(),
            provider.GetRequiredService<StudyIndexWriter>(), provider.GetRequiredService<IndexTelemetry>(),
            provider.GetRequiredService<ILogger<IndexReconciler>>()));
        services.AddHostedService<IndexReconcilerService>();

        services.AddSingleton<BlobResultStore>();
        services.AddSingleton<IResultStore>(provider => new IndexingResultStore(
            provider.GetRequiredService<BlobResultStore>(), provider.GetRequiredService<StudyIndexWriter>(),
            provider.GetRequiredService<IndexOutbox>(), provider.GetRequiredService<IndexTelemetry>(),
            provider.GetRequiredService<ILogger<IndexingResultStore>>()));
        return builder;
    }
}
