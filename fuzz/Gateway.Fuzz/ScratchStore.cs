using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using HeadCt.Gateway.Storage;

namespace HeadCt.Gateway.Fuzz;

/// <summary>
/// The gateway's storage, in memory, for one execution: what the ingest wrote and removed, so the harness can check
/// that a refused upload left nothing behind (the "nothing half-stored" rule) as well as that nothing crashed.
/// </summary>
internal sealed class ScratchStore : IStudyStore, IIdempotencyStore
{
    public ConcurrentDictionary<string, long> Instances { get; } = new();
    public ConcurrentDictionary<string, StudyRecord> Studies { get; } = new();
    public ConcurrentDictionary<string, bool> Markers { get; } = new();
    public ConcurrentDictionary<string, IdempotencyRecord> KeyRecords { get; } = new();

    public bool IsEmpty => Instances.IsEmpty && Studies.IsEmpty && Markers.IsEmpty && KeyRecords.IsEmpty;

    public async Task<long> WriteInstanceAsync(string studyId, int number, Stream content, CancellationToken cancellationToken)
    {
        var size = 0L;
        var chunk = new byte[81920];
        for (int read; (read = await content.ReadAsync(chunk, cancellationToken)) > 0;)
        {
            size += read;
        }

        Instances[StudyBlobLayout.Instance(studyId, number)] = size;
        return size;
    }

    public Task WriteRecordAsync(StudyRecord record, CancellationToken cancellationToken)
    {
        Studies[record.Id] = record;
        return Task.CompletedTask;
    }

    public Task<StudyRecord?> ReadRecordAsync(string studyId, CancellationToken cancellationToken) =>
        Task.FromResult(Studies.TryGetValue(studyId, out var record) ? record : null);

    public Task<int> DeleteStudyAsync(string studyId, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var name in Instances.Keys.Where(name => name.StartsWith(StudyBlobLayout.StudyPrefix(studyId), StringComparison.Ordinal)))
        {
            removed += Instances.TryRemove(name, out _) ? 1 : 0;
        }

        return Task.FromResult(removed + (Studies.TryRemove(studyId, out _) ? 1 : 0));
    }

    public Task DeleteBlobAsync(string blobName, CancellationToken cancellationToken) => Task.FromResult(Instances.TryRemove(blobName, out _));

    public Task MarkPendingAsync(string studyId, CancellationToken cancellationToken) => Task.FromResult(Markers[studyId] = true);

    public Task ClearPendingAsync(string studyId, CancellationToken cancellationToken) => Task.FromResult(Markers.TryRemove(studyId, out _));

    public IAsyncEnumerable<string> ListPendingAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) => Nothing();

    public IAsyncEnumerable<string> ListUnrecordedStudiesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) => Nothing();

    public Task<IdempotencyRecord?> FindAsync(string keyHash, CancellationToken cancellationToken) =>
        Task.FromResult(KeyRecords.TryGetValue(keyHash, out var record) ? record : null);

    public Task<IdempotencyRecord?> TryAddAsync(string keyHash, IdempotencyRecord record, CancellationToken cancellationToken) =>
        Task.FromResult(KeyRecords.TryAdd(keyHash, record) ? null : KeyRecords[keyHash]);

    public Task DeleteAsync(string keyHash, CancellationToken cancellationToken) => Task.FromResult(KeyRecords.TryRemove(keyHash, out _));

    private static async IAsyncEnumerable<string> Nothing([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask;
        yield break;
    }
}
