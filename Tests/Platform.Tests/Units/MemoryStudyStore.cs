using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using HeadCt.Gateway.Storage;
using HeadCt.Services.Common.Storage;

namespace HeadCt.Platform.Tests.Units;

/// <summary>Blob storage in memory for the gateway's ingest; <see cref="FailOnWrite"/> makes the n-th instance write fail like Azure would.</summary>
internal sealed class MemoryStudyStore : IStudyStore, IIdempotencyStore
{
    private int _writes;

    public int FailOnWrite { get; init; } = int.MaxValue;
    public ConcurrentDictionary<string, byte[]> Blobs { get; } = new();
    public ConcurrentDictionary<string, StudyRecord> Records { get; } = new();
    public ConcurrentDictionary<string, IdempotencyRecord> Keys { get; } = new();
    public ConcurrentDictionary<string, DateTimeOffset> Pending { get; } = new();

    public async Task<long> WriteInstanceAsync(string studyId, int number, Stream content, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _writes) == FailOnWrite)
        {
            throw new StorageUnavailableException("injected", new IOException("connection reset"));
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        Blobs[StudyBlobLayout.Instance(studyId, number)] = buffer.ToArray();
        return buffer.Length;
    }

    public Task WriteRecordAsync(StudyRecord record, CancellationToken cancellationToken)
    {
        Records[record.Id] = record;
        return Task.CompletedTask;
    }

    public Task<StudyRecord?> ReadRecordAsync(string studyId, CancellationToken cancellationToken) =>
        Task.FromResult(Records.GetValueOrDefault(studyId));

    public Task<int> DeleteStudyAsync(string studyId, CancellationToken cancellationToken)
    {
        var prefix = StudyBlobLayout.StudyPrefix(studyId);
        var deleted = Blobs.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Count(k => Blobs.TryRemove(k, out _));
        return Task.FromResult(deleted + (Records.TryRemove(studyId, out _) ? 1 : 0));
    }

    public Task DeleteBlobAsync(string blobName, CancellationToken cancellationToken)
    {
        Blobs.TryRemove(blobName, out _);
        return Task.CompletedTask;
    }

    public Task MarkPendingAsync(string studyId, CancellationToken cancellationToken)
    {
        Pending[studyId] = DateTimeOffset.UtcNow;
        return Task.CompletedTask;
    }

    public Task ClearPendingAsync(string studyId, CancellationToken cancellationToken)
    {
        Pending.TryRemove(studyId, out _);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<string> ListPendingAsync(DateTimeOffset olderThan, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var (id, at) in Pending)
        {
            if (at < olderThan)
            {
                yield return id;
            }
        }
    }

    public async IAsyncEnumerable<string> ListUnrecordedStudiesAsync(DateTimeOffset olderThan, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var id in Blobs.Keys.Select(name => name.Split('/')[1]).Distinct().Where(id => !Records.ContainsKey(id)))
        {
            yield return id;
        }
    }

    public Task<IdempotencyRecord?> FindAsync(string keyHash, CancellationToken cancellationToken) =>
        Task.FromResult(Keys.GetValueOrDefault(keyHash));

    public Task<IdempotencyRecord?> TryAddAsync(string keyHash, IdempotencyRecord record, CancellationToken cancellationToken) =>
        Task.FromResult(Keys.TryAdd(keyHash, record) ? null : Keys[keyHash]);

    public Task DeleteAsync(string keyHash, CancellationToken cancellationToken)
    {
        Keys.TryRemove(keyHash, out _);
        return Task.CompletedTask;
    }
}
