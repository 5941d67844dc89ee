using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Azure;
using HeadCt.Services.Common.Storage;

namespace HeadCt.Gateway.Storage;

/// <summary>Scoped Idempotency-Key hash → its first use (fingerprint and study), in blob storage so a key survives restarts and cache loss.</summary>
public sealed class BlobIdempotencyStore(DicomContainer container) : IIdempotencyStore
{
    public async Task<IdempotencyRecord?> FindAsync(string keyHash, CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync(cancellationToken);
        var blob = blobs.GetBlobClient(StudyBlobLayout.Idempotency(keyHash));
        return await StorageCalls.Run(async () =>
        {
            try
            {
                var content = await blob.DownloadContentAsync(cancellationToken);
                return JsonSerializer.Deserialize<IdempotencyRecord>(content.Value.Content.ToMemory().Span, GatewayJson.Options);
            }
            catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
            {
                return null;
            }
        });
    }

    public async Task<IdempotencyRecord?> TryAddAsync(string keyHash, IdempotencyRecord record, CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync(cancellationToken);
        var blob = blobs.GetBlobClient(StudyBlobLayout.Idempotency(keyHash));
        var options = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
        try
        {
            await StorageCalls.Run(async () =>
            {
                try
                {
                    await blob.UploadAsync(BinaryData.FromObjectAsJson(record, GatewayJson.Options), options, cancellationToken);
                }
                catch (RequestFailedException e) when (e.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed)
                {
                    throw new KeyAlreadyUsedException();
                }
            });
            return null;
        }
        catch (KeyAlreadyUsedException)
        {
            return await FindAsync(keyHash, cancellationToken);
        }
    }

    public async Task DeleteAsync(string keyHash, CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync(cancellationToken);
        await StorageCalls.Run(() => blobs.DeleteBlobIfExistsAsync(StudyBlobLayout.Idempotency(keyHash), cancellationToken: cancellationToken));
    }

    private sealed class KeyAlreadyUsedException : Exception;
}
