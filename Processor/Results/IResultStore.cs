namespace HeadCt.Processor.Results;

/// <summary>Result documents: blob storage is the truth, the cache a copy for reads.</summary>
public interface IResultStore
{
    /// <summary>The current document from the cache, else from blob storage (refilling the cache); null when unknown.</summary>
    Task<StoredResult?> GetAsync(string studyId, CancellationToken cancellationToken);

    /// <summary>Creates the document unless one exists; false when it did.</summary>
    Task<bool> TryCreateAsync(ResultDocument document, CancellationToken cancellationToken);

    /// <summary>
    /// Read-modify-write against blob storage with an ETag condition. With <paramref name="ifMatch"/> the caller's
    /// version must still be current; without it, a concurrent change is re-read and the change reapplied.
    /// <paramref name="change"/> returns null to leave the document unchanged.
    /// </summary>
    Task<ResultUpdate> UpdateAsync(
        string studyId, Func<ResultDocument, ResultDocument?> change, string? ifMatch, CancellationToken cancellationToken);

    /// <summary>False when there was no document.</summary>
    Task<bool> DeleteAsync(string studyId, CancellationToken cancellationToken);
}
