using Azure.Storage.Blobs;
using HeadCt.Gateway.Storage;
using HeadCt.StudyIndex.Storage;

namespace HeadCt.Gateway.Features.Index;

/// <summary>
/// A reader of stored studies for the index. The gateway reads only the DICOM container; results are the processor's
/// (the results container is named but never read here).
/// </summary>
public sealed class BlobStudySourceFactory(DicomContainer dicom, BlobServiceClient blobs, ILogger<BlobStudySource> logger)
{
    public async Task<BlobStudySource> Create(CancellationToken cancellationToken) =>
        new(await dicom.GetAsync(cancellationToken), blobs.GetBlobContainerClient("results"), logger);
}
