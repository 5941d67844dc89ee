using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HeadCt.Services.Common.Storage;

namespace HeadCt.StudyIndex.Storage;

/// <summary>
/// The index's outbox in blob storage (empty marker blobs under <c>index-outbox/{study|result}/{id}</c> in the DICOM
/// container). A writer marks a study before it changes the study's blobs and clears the mark once the index shows
/// the change; a crash in between leaves the mark, and the reconciler re-derives that study from blob storage.
/// </summary>
public sealed class IndexOutbox(Func<CancellationToken, Task<BlobContainerClient>> container)
{
    public async Task MarkAsync(OutboxKind kind, string studyId, CancellationToken cancellationToken)
    {
        var blobs = await container(cancellationToken);
        await StorageCalls.Run(() => blobs.GetBlobClient(IndexBlobLayout.OutboxMarker(kind, studyId))
            .UploadAsync(BinaryData.Empty, overwrite: true, cancellationToken));
    }

    public async Task ClearAsync(OutboxKind kind, string studyId, CancellationToken cancellationToken)
    {
        var blobs = await container(cancellationToken);
        await StorageCalls.Run(() => blobs.DeleteBlobIfExistsAsync(IndexBlobLayout.OutboxMarker(kind, studyId), cancellationToken: cancellationToken));
    }

    /// <summary>Markers last written before <paramref name="writtenBefore"/>: those whose writer had time to clear them.</summary>
    public async Task<IReadOnlyList<(OutboxKind Kind, string StudyId)>> ListAsync(DateTimeOffset writtenBefore, CancellationToken cancellationToken)
    {
        var blobs = await container(cancellationToken);
        return await StorageCalls.Run(async () =>
        {
            var markers = new List<(OutboxKind, string)>();
            await foreach (var item in blobs.GetBlobsAsync(new GetBlobsOptions { Prefix = IndexBlobLayout.OutboxPrefix }, cancellationToken))
            {
                var parts = item.Name[IndexBlobLayout.OutboxPrefix.Length..].Split('/');
                if (parts.Length == 2 && Enum.TryParse<OutboxKind>(parts[0], ignoreCase: true, out var kind) && StudyId.IsValid(parts[1]) &&
                    item.Properties.LastModified is { } modified && modified < writtenBefore)
                {
                    markers.Add((kind, parts[1]));
                }
            }

            return (IReadOnlyList<(OutboxKind, string)>)markers;
        });
    }

    /// <summary>True when the marker exists (tests and diagnostics).</summary>
    public async Task<bool> IsMarkedAsync(OutboxKind kind, string studyId, CancellationToken cancellationToken)
    {
        var blobs = await container(cancellationToken);
        return await StorageCalls.Run(async () =>
        {
            try
            {
                return (await blobs.GetBlobClient(IndexBlobLayout.OutboxMarker(kind, studyId)).GetPropertiesAsync(cancellationToken: cancellationToken)).Value is not null;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return false;
            }
        });
    }
}
