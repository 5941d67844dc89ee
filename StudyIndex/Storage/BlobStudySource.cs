using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HeadCt.Services.Common.Storage;
using HeadCt.StudyIndex.Telemetry;
using HeadCt.StudyIndex.Writing;
using Microsoft.Extensions.Logging;

namespace HeadCt.StudyIndex.Storage;

/// <summary>
/// Reads what the index is derived from, straight from blob storage: a study's record and the headers of its
/// instance blobs (the first 64 KiB of each, up to 1 MiB when a header is longer), and its result document.
/// </summary>
public sealed class BlobStudySource(BlobContainerClient dicom, BlobContainerClient results, ILogger logger)
{
    private const int InstanceReadsAtOnce = 8;

    /// <summary>The study as stored, or null when it has no record (never finished, or deleted).</summary>
    public async Task<StudyArrival?> ReadArrivalAsync(string studyId, CancellationToken cancellationToken)
    {
        var record = await DownloadOrNullAsync(dicom.GetBlobClient(IndexBlobLayout.Record(studyId)), null, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var (receivedAt, source, fileCount) = ParseRecord(record.Content.ToMemory().Span);
        var names = new List<(string Name, int Number, long Size)>();
        await StorageCalls.Run(async () =>
        {
            await foreach (var blob in dicom.GetBlobsAsync(new GetBlobsOptions { Prefix = IndexBlobLayout.InstancesPrefix(studyId) }, cancellationToken))
            {
                if (IndexBlobLayout.InstanceNumber(blob.Name) is { } number)
                {
                    names.Add((blob.Name, number, blob.Properties.ContentLength ?? 0));
                }
            }
        });

        var instances = new IndexedInstance?[names.Count];
        await Parallel.ForAsync(0, names.Count,
            new ParallelOptions { MaxDegreeOfParallelism = InstanceReadsAtOnce, CancellationToken = cancellationToken },
            async (i, token) => instances[i] = await ReadInstanceAsync(names[i].Name, names[i].Number, names[i].Size, token));
        return new StudyArrival(studyId, receivedAt, source, fileCount,
            [.. instances.OfType<IndexedInstance>().OrderBy(instance => instance.BlobNumber)]);
    }

    /// <summary>The result document's summary, or null when the study has none.</summary>
    public async Task<ResultSummary?> ReadResultAsync(string studyId, CancellationToken cancellationToken)
    {
        var result = await DownloadOrNullAsync(results.GetBlobClient(IndexBlobLayout.Result(studyId)), null, cancellationToken);
        return result is null ? null : ResultSummary.Parse(result.Content.ToMemory().Span);
    }

    /// <summary>Every study folder under <c>studies/</c> (whether or not it has a record).</summary>
    public async IAsyncEnumerable<string> ListStudyIdsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pages = dicom.GetBlobsByHierarchyAsync(new GetBlobsByHierarchyOptions { Prefix = IndexBlobLayout.StudiesRoot, Delimiter = "/" }, cancellationToken);
        await foreach (var item in pages)
        {
            if (item.IsPrefix && StudyId.IsValid(item.Prefix[IndexBlobLayout.StudiesRoot.Length..].TrimEnd('/')))
            {
                yield return item.Prefix[IndexBlobLayout.StudiesRoot.Length..].TrimEnd('/');
            }
        }
    }

    private async Task<IndexedInstance?> ReadInstanceAsync(string name, int number, long size, CancellationToken cancellationToken)
    {
        var blob = dicom.GetBlobClient(name);
        var length = InstanceHeaders.FirstReadBytes;
        while (true)
        {
            var content = await DownloadOrNullAsync(blob, new HttpRange(0, length), cancellationToken);
            if (content is null)
            {
                return null;
            }

            var prefix = content.Content.ToMemory();
            var instance = InstanceHeaders.TryRead(number, prefix, prefix.Length >= size || prefix.Length < length, out var needsMore);
            if (instance is not null || !needsMore || length >= InstanceHeaders.MaxHeaderBytes)
            {
                if (instance is null)
                {
                    Log.UnreadableInstance(logger, name);
                }

                return instance;
            }

            length = InstanceHeaders.MaxHeaderBytes;
        }
    }

    private static (DateTimeOffset ReceivedAt, string Source, int FileCount) ParseRecord(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        var createdAt = root.TryGetProperty("createdAt", out var created) && created.TryGetDateTimeOffset(out var at) ? at : DateTimeOffset.UnixEpoch;
        var source = root.TryGetProperty("source", out var origin) && origin.ValueKind == JsonValueKind.String
            ? origin.GetString()! : StudyArrival.UploadSource;
        var files = root.TryGetProperty("instances", out var instances) && instances.ValueKind == JsonValueKind.Array ? instances.GetArrayLength() : 0;
        return (createdAt, source, files);
    }

    private static Task<BlobDownloadResult?> DownloadOrNullAsync(BlobClient blob, HttpRange? range, CancellationToken cancellationToken) =>
        StorageCalls.Run<BlobDownloadResult?>(async () =>
        {
            try
            {
                var options = range is null ? new BlobDownloadOptions() : new BlobDownloadOptions { Range = range.Value };
                return (await blob.DownloadContentAsync(options, cancellationToken)).Value;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 416)
            {
                return null;
            }
        });
}
