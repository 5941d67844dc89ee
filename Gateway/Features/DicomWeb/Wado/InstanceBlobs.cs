using Azure;
using HeadCt.Gateway.Storage;
using HeadCt.Services.Common.Storage;
using HeadCt.StudyIndex.Retrieve;

namespace HeadCt.Gateway.Features.DicomWeb.Wado;

/// <summary>Reads stored instances from the DICOM container for WADO-RS (whole files: at most Upload:MaxFileSizeBytes each).</summary>
public sealed class InstanceBlobs(DicomContainer container)
{
    /// <summary>The stored bytes, or null when the blob is gone (deleted after the index was read).</summary>
    public async Task<byte[]?> ReadAsync(StoredInstance instance, CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync(cancellationToken);
        var blob = blobs.GetBlobClient(StudyBlobLayout.Instance(instance.StudyId, instance.BlobNumber));
        return await StorageCalls.Run<byte[]?>(async () =>
        {
            try
            {
                return (await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
            }
            catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
            {
                return null;
            }
        });
    }

    /// <summary>Copies the stored bytes to <paramref name="destination"/>; false when the blob is gone.</summary>
    public async Task<bool> CopyToAsync(StoredInstance instance, Stream destination, CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync(cancellationToken);
        var blob = blobs.GetBlobClient(StudyBlobLayout.Instance(instance.StudyId, instance.BlobNumber));
        return await StorageCalls.Run(async () =>
        {
            try
            {
                await blob.DownloadToAsync(destination, cancellationToken);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
            {
                return false;
            }
        });
    }
}
