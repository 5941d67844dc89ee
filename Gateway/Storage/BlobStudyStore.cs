using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Azure;
using HeadCt.Services.Common.Storage;

namespace HeadCt.Gateway.Storage;

public sealed class BlobStudyStore(DicomContainer container) : IStudyStore
{
    /// <summary>
    /// One block at a time: when the content stream is cut off (a size limit, a bad zip entry) no block is still being
    /// staged in the background, so removing the blob leaves nothing behind (a straggling block would outlive it).
    /// Instances above 4 MiB are rare; slices are a few hundred KB and go in one request.
    /// </summary>
    private static readonly BlobUploadOptions DicomUpload = new()
    {
        HttpHeaders = new BlobHttpHeaders { ContentType = "application/dicom" },
        TransferOptions = new Azure.Storage.StorageTransferOptions
        {
            InitialTransferSize = 4 << 20, MaximumTransferSize = 4 << 20, MaximumConcurrency = 1,
        },
    };

    public async Task<long> WriteInstanceAsync(string studyId, int number, Stream content, CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync(cancellationToken);
        var blob = blobs.GetBlobClient(StudyBlobLayout.Instance(studyId, number));
        var counted = new CountingStream(content);
        await StorageCalls.Run(() => blob.UploadAsync(counted, DicomUpload, cancellationToken));
        return counted.BytesRead;
    }

    public async Task WriteRecordAsync(StudyRecord record, CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync(cancellationToken);
        var blob = blobs.GetBlobClient(StudyBlobLayout.Record(record.Id));
        var json = BinaryData.FromObjectAsJson(record, GatewayJson.Options);
        await StorageCalls.Run(() => blob.UploadAsync(json, overwrite: true, cancellationToken));
    }

    public async Task<StudyRecord?> ReadRecordAsync(string studyId, CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync(cancellationToken);
        var blob = blobs.GetBlobClient(StudyBlobLayout.Record(studyId));
        return await StorageCalls.Run(async () =>
        {
            try
            {
                var content = await blob.DownloadContentAsync(cancellationToken);
                return JsonSerializer.Deserialize<StudyRecord>(content.Value.Content.ToMemory().Span, GatewayJson.Options);
            }
            catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
            {
                return null;
            }
        });
    }

    public async Task<int> DeleteStudyAsync(string studyId, CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync(cancellationToken);

        return await StorageCalls.Run(async () =>
        {
            var deleted = 0;
            var listing = blobs.GetBlobsAsync(new GetBlobsOptions { Prefix = StudyBlobLayout.StudyPrefix(studyId), States = BlobStates.Uncommitted },
                cancellationToken);
            await foreach (var item in listing)
            {
                if (await StagedBlobs.DeleteAsync(blobs, item.Name, cancellationToken))
                {
                    deleted++;
                }
            }

            return deleted;
        });
    }

    public async Task DeleteBlobAsync(string blobName, CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync(cancellationToken);
        await StorageCalls.Run(() => StagedBlobs.DeleteAsync(blobs, blobName, cancellationToken));
    }

    public async Task MarkPendingAsync(string studyId, CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync(cancellationToken);
        await StorageCalls.Run(() => blobs.GetBlobClient(StudyBlobLayout.Pending(studyId)).UploadAsync(BinaryData.Empty, overwrite: true, cancellationToken));
    }

    public async Task ClearPendingAsync(string studyId, CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync(cancellationToken);
        await StorageCalls.Run(() => blobs.DeleteBlobIfExistsAsync(StudyBlobLayout.Pending(studyId), cancellationToken: cancellationToken));
    }

    public async IAsyncEnumerable<string> ListPendingAsync(
        DateTimeOffset olderThan, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync(cancellationToken);
        var found = await StorageCalls.Run(async () =>
        {
            var ids = new List<string>();
            await foreach (var item in blobs.GetBlobsAsync(new GetBlobsOptions { Prefix = StudyBlobLayout.PendingPrefix }, cancellationToken))
            {
                var id = item.Name[StudyBlobLayout.PendingPrefix.Length..];
                if (StudyId.IsValid(id) && item.Properties.LastModified < olderThan)
                {
                    ids.Add(id);
                }
            }

            return ids;
        });
        foreach (var id in found)
        {
            yield return id;
        }
    }

    public async IAsyncEnumerable<string> ListUnrecordedStudiesAsync(
        DateTimeOffset olderThan, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var blobs = await container.GetAsync(cancellationToken);
        string? current = null;
        var (recorded, young) = (false, false);
        var listing = blobs.GetBlobsAsync(new GetBlobsOptions { Prefix = "studies/", States = BlobStates.Uncommitted }, cancellationToken);
        await using var items = listing.GetAsyncEnumerator(cancellationToken);
        while (await StorageCalls.Run(async () => await items.MoveNextAsync()))
        {
            var item = items.Current;
            var slash = item.Name.IndexOf('/', "studies/".Length);
            var id = slash < 0 ? null : item.Name["studies/".Length..slash];
            if (id != current)
            {
                if (current is not null && !recorded && !young)
                {
                    yield return current;
                }

                (current, recorded, young) = (id, false, false);
            }

            recorded |= item.Name == StudyBlobLayout.Record(id ?? "");
            young |= !(item.Properties.LastModified < olderThan);
        }

        if (current is not null && !recorded && !young)
        {
            yield return current;
        }
    }
}
