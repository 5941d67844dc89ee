namespace HeadCt.Gateway.Storage;

public interface IStudyStore
{
    /// <summary>Streams one instance to storage and returns the number of bytes written.</summary>
    Task<long> WriteInstanceAsync(string studyId, int number, Stream content, CancellationToken cancellationToken);

    Task WriteRecordAsync(StudyRecord record, CancellationToken cancellationToken);

    Task<StudyRecord?> ReadRecordAsync(string studyId, CancellationToken cancellationToken);

    /// <summary>
    /// Removes every blob of the study (instances and record), and the staged blocks of an instance whose upload was
    /// cut off before it was committed; returns how many blobs there were.
    /// </summary>
    Task<int> DeleteStudyAsync(string studyId, CancellationToken cancellationToken);

    /// <summary>Removes one blob, committed or only staged; nothing happens when there is none.</summary>
    Task DeleteBlobAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>Marks a study as being received (<see cref="StudyBlobLayout.Pending"/>), before its first instance is written.</summary>
    Task MarkPendingAsync(string studyId, CancellationToken cancellationToken);

    /// <summary>Removes the marker once the study is committed or cleaned up.</summary>
    Task ClearPendingAsync(string studyId, CancellationToken cancellationToken);

    /// <summary>Studies marked pending before <paramref name="olderThan"/>: unfinished, or whose marker removal failed.</summary>
    IAsyncEnumerable<string> ListPendingAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);

    /// <summary>
    /// Every study prefix with blobs last changed before <paramref name="olderThan"/> and no study record: what a
    /// full scan finds of uploads that never got a marker (written before markers existed).
    /// </summary>
    IAsyncEnumerable<string> ListUnrecordedStudiesAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);

    /// <summary>The most recently uploaded studies, newest first. A store that keeps no index lists none.</summary>
    Task<IReadOnlyList<RecentStudy>> ListRecentAsync(int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RecentStudy>>([]);
}
