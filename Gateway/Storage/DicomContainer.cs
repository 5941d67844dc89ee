using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Storage;

/// <summary>The DICOM blob container, created on first use.</summary>
public sealed class DicomContainer(BlobServiceClient blobs, IOptions<StudyStorageOptions> options)
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(options.Value.DicomContainer);
    private int _created;

    public async Task<BlobContainerClient> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await StorageCalls.Run(() => _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
            Volatile.Write(ref _created, 1);
        }

        return _container;
    }
}
