namespace HeadCt.Gateway.Storage;

public interface IStudyStore
{
    /// <summary>Streams one instance to storage and returns the number of bytes written.</summary>
    Task<long> WriteInstanceAsync(string studyId, int number, Stream content, CancellationToken cancellationToken);

    Task WriteRecordAsync(StudyRecord record, CancellationToken cancellationToken);

    Task<StudyRecord?> ReadRecordAsync(string studyId, CancellationToken cancellationToken);

    /// <summary>Removes every blob of the study (instances and record); returns how many there were.</summary>
    Task<int> DeleteStudyAsync(string studyId, CancellationToken cancellationToken);

    /// <summary>The most recently uploaded studies, newest first. A store that keeps no index lists none.</summary>
    Task<IReadOnlyList<RecentStudy>> ListRecentAsync(int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RecentStudy>>([]);
}
