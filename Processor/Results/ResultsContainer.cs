using Azure.Storage.Blobs;
using HeadCt.Processor.Storage;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Results;

/// <summary>The results blob container, created on first use.</summary>
public sealed class ResultsContainer(BlobServiceClient blobs, IOptions<StorageOptions> options)
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(options.Value.ResultsContainer);
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
