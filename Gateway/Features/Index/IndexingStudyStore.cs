using System.Collections.Concurrent;
using HeadCt.Gateway.Storage;
using HeadCt.StudyIndex.Storage;
using HeadCt.StudyIndex.Telemetry;
using HeadCt.StudyIndex.Worklist;
using HeadCt.StudyIndex.Writing;

namespace HeadCt.Gateway.Features.Index;

/// <summary>
/// The study store with the index kept beside it. Each instance's header is captured on its way to storage; when the
/// study record is written (the moment a study becomes visible, whatever path stored it: upload, STOW-RS, DIMSE) the
/// study is written to the index. An outbox marker is set before the record write or delete and cleared after the
/// index write, so a crash (or an index outage) in between is settled later by the reconciler from blob storage.
/// An index failure does not fail the store: blob storage is the truth and the study is already safe there.
/// </summary>
public sealed class IndexingStudyStore(
    IStudyStore inner,
    StudyIndexWriter writer,
    IndexOutbox outbox,
    IndexTelemetry telemetry,
    WorklistSearch worklist,
    BlobStudySourceFactory sources,
    ILogger<IndexingStudyStore> logger) : IStudyStore
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, IndexedInstance?>> _pending = new(StringComparer.Ordinal);

    public async Task<long> WriteInstanceAsync(string studyId, int number, Stream content, CancellationToken cancellationToken)
    {
        var capture = new HeaderCaptureStream(content, InstanceHeaders.FirstReadBytes);
        var size = await inner.WriteInstanceAsync(studyId, number, capture, cancellationToken);
        var instance = InstanceHeaders.TryRead(number, capture.Captured, prefixIsWholeBlob: capture.Captured.Length >= size, out _);
        _pending.GetOrAdd(studyId, _ => new())[number] = instance;
        return size;
    }

    public async Task WriteRecordAsync(StudyRecord record, CancellationToken cancellationToken)
    {
        await outbox.RunAsync(OutboxKind.Study, record.Id,
            async () =>
            {
                await inner.WriteRecordAsync(record, cancellationToken);
                _pending.TryRemove(record.Id, out var captured);
                return captured;
            },
            async captured =>
            {
                var instances = captured?.Values.ToList() ?? [];
                // Captured here only when this process saw every instance of the record: a study reopened by late
                // DIMSE instances (or resumed after a restart) holds instances captured earlier or elsewhere.
                var arrival = instances.Count == record.Instances.Count && instances.All(instance => instance is not null)
                    ? new StudyArrival(record.Id, record.CreatedAt, record.Source ?? StudyArrival.UploadSource, record.Instances.Count,
                        [.. instances.OrderBy(instance => instance!.BlobNumber)!])
                    // A header longer than the capture, or instances not captured here: read the stored study back.
                    : await ReadBackAsync(record.Id, cancellationToken);
                if (arrival is null)
                {
                    return false;
                }

                await writer.IndexStudyAsync(arrival, cancellationToken);
                return true;
            },
            e => Failed(record.Id, e), cancellationToken);
    }

    private async Task<StudyArrival?> ReadBackAsync(string studyId, CancellationToken cancellationToken) =>
        await (await sources.Create(cancellationToken)).ReadArrivalAsync(studyId, cancellationToken);

    public Task<StudyRecord?> ReadRecordAsync(string studyId, CancellationToken cancellationToken) =>
        inner.ReadRecordAsync(studyId, cancellationToken);

    public Task<int> DeleteStudyAsync(string studyId, CancellationToken cancellationToken)
    {
        _pending.TryRemove(studyId, out _);
        return outbox.RunAsync(OutboxKind.Study, studyId,
            () => inner.DeleteStudyAsync(studyId, cancellationToken),
            async _ =>
            {
                await writer.RemoveStudyAsync(studyId, cancellationToken);
                return true;
            },
            e => Failed(studyId, e), cancellationToken);
    }

    public Task DeleteBlobAsync(string blobName, CancellationToken cancellationToken) =>
        inner.DeleteBlobAsync(blobName, cancellationToken);

    public Task MarkPendingAsync(string studyId, CancellationToken cancellationToken) =>
        inner.MarkPendingAsync(studyId, cancellationToken);

    public Task ClearPendingAsync(string studyId, CancellationToken cancellationToken) =>
        inner.ClearPendingAsync(studyId, cancellationToken);

    public IAsyncEnumerable<string> ListPendingAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        inner.ListPendingAsync(olderThan, cancellationToken);

    public IAsyncEnumerable<string> ListUnrecordedStudiesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        inner.ListUnrecordedStudiesAsync(olderThan, cancellationToken);

    private void Failed(string studyId, Exception e)
    {
        telemetry.WriteFailures.Add(1);
        IndexLog.WriteFailed(logger, studyId, e);
    }

    /// <summary>The newest arrivals, from the index (the recent/ marker blobs are gone).</summary>
    public async Task<IReadOnlyList<RecentStudy>> ListRecentAsync(int limit, CancellationToken cancellationToken)
    {
        var (items, _) = await worklist.SearchAsync(new WorklistQuery { Sort = WorklistSort.Time, Limit = limit }, cancellationToken);
        return [.. items.Select(item => new RecentStudy(item.Id, item.ReceivedAt, item.FileCount))];
    }
}
