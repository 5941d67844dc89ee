using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs;
using Azure;
using HeadCt.Processor.Storage;
using HeadCt.Services.Common.Storage;

namespace HeadCt.Processor.Results;

/// <summary>
/// Result documents in blob storage, versioned by blob ETags so that two writers (the worker and a PUT) can never
/// both win, with the Redis copy refreshed after every write and refilled after a cache miss.
/// </summary>
public sealed class BlobResultStore(ResultsContainer container, ResultCache cache) : IResultStore
{
    private const int MaxConflictRetries = 8;
    private static readonly BlobHttpHeaders JsonHeaders = new() { ContentType = "application/json" };

    public async Task<StoredResult?> GetAsync(string studyId, CancellationToken cancellationToken)
    {
        if (await cache.GetAsync(studyId) is { } cached)
        {
            return cached;
        }

        var stored = await ReadAsync(studyId, cancellationToken);
        if (stored is not null)
        {
            await cache.RefillAsync(studyId, stored);
        }

        return stored;
    }

    public async Task<bool> TryCreateAsync(ResultDocument document, CancellationToken cancellationToken)
    {
        var blob = await BlobAsync(document.Id, cancellationToken);
        var json = Serialize(document);
        var options = new BlobUploadOptions
        {
            HttpHeaders = JsonHeaders,
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        var created = await StorageCalls.Run(async () =>
        {
            try
            {
                var response = await blob.UploadAsync(new BinaryData(json), options, cancellationToken);
                return new StoredResult(EntityTags.Format(response.Value.ETag), json);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                return null;
            }
        });
        if (created is null)
        {
            return false;
        }

        await cache.SetAsync(document.Id, created);
        return true;
    }

    public async Task<ResultUpdate> UpdateAsync(
        string studyId, Func<ResultDocument, ResultDocument?> change, string? ifMatch, CancellationToken cancellationToken)
    {
        var blob = await BlobAsync(studyId, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var current = await ReadVersionAsync(blob, cancellationToken);
            if (current is null)
            {
                return new ResultUpdate.NotFound();
            }

            var (stored, etag) = current.Value;
            if (ifMatch is not null && !EntityTags.Matches(ifMatch, stored.ETag))
            {
                return new ResultUpdate.PreconditionFailed();
            }

            if (change(stored.Document) is not { } next)
            {
                return new ResultUpdate.Unchanged(stored);
            }

            var json = Serialize(next);
            var options = new BlobUploadOptions { HttpHeaders = JsonHeaders, Conditions = new BlobRequestConditions { IfMatch = etag } };
            var written = await StorageCalls.Run(async () =>
            {
                try
                {
                    var response = await blob.UploadAsync(new BinaryData(json), options, cancellationToken);
                    return new StoredResult(EntityTags.Format(response.Value.ETag), json);
                }
                catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
                {
                    return null;
                }
            });
            if (written is not null)
            {
                await cache.SetAsync(studyId, written);
                return new ResultUpdate.Updated(written);
            }

            if (ifMatch is not null || attempt >= MaxConflictRetries)
            {
                return new ResultUpdate.PreconditionFailed();
            }
        }
    }

    public async Task<bool> DeleteAsync(string studyId, CancellationToken cancellationToken)
    {
        var blob = await BlobAsync(studyId, cancellationToken);
        var deleted = await StorageCalls.Run(async () =>
            (await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken)).Value);
        await cache.RemoveAsync(studyId);
        return deleted;
    }

    private async Task<StoredResult?> ReadAsync(string studyId, CancellationToken cancellationToken) =>
        (await ReadVersionAsync(await BlobAsync(studyId, cancellationToken), cancellationToken))?.Stored;

    private static Task<(StoredResult Stored, ETag ETag)?> ReadVersionAsync(BlobClient blob, CancellationToken cancellationToken) =>
        StorageCalls.Run<(StoredResult, ETag)?>(async () =>
        {
            try
            {
                var response = await blob.DownloadContentAsync(cancellationToken);
                var etag = response.Value.Details.ETag;
                return (new StoredResult(EntityTags.Format(etag), response.Value.Content.ToMemory()), etag);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
        });

    private async Task<BlobClient> BlobAsync(string studyId, CancellationToken cancellationToken) =>
        (await container.GetAsync(cancellationToken)).GetBlobClient(StudyBlobLayout.Result(studyId));

    private static byte[] Serialize(ResultDocument document) => JsonSerializer.SerializeToUtf8Bytes(document, ProcessorJson.Options);
}
