using Azure.Storage.Blobs;

namespace HeadCt.Services.Common.Storage;

/// <summary>A blob container created on first use, so a service starts even while storage is still coming up.</summary>
public abstract class LazyBlobContainer(BlobContainerClient container)
{
    private int _created;

    public async Task<BlobContainerClient> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await StorageCalls.Run(() => container.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
            Volatile.Write(ref _created, 1);
        }

        return container;
    }
}
