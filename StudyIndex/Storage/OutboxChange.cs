namespace HeadCt.StudyIndex.Storage;

/// <summary>
/// The one protocol every index writer follows: mark the study in the outbox, change its blobs, bring the index in
/// step, clear the mark. A failure after the blob change leaves the mark for the reconciler and is reported, never
/// thrown: the blob change has happened and blob storage is the truth.
/// </summary>
public static class OutboxChange
{
    /// <param name="blobChange">The write or delete in blob storage; its failure propagates (the mark is harmless).</param>
    /// <param name="indexChange">Brings the index in step; false keeps the mark (nothing to apply to yet).</param>
    public static async Task<T> RunAsync<T>(
        this IndexOutbox outbox, OutboxKind kind, string studyId, Func<Task<T>> blobChange, Func<T, Task<bool>> indexChange,
        Action<Exception> indexFailed, CancellationToken cancellationToken)
    {
        await outbox.MarkAsync(kind, studyId, cancellationToken);
        var outcome = await blobChange();
        try
        {
            if (await indexChange(outcome))
            {
                await outbox.ClearAsync(kind, studyId, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            indexFailed(e);
        }

        return outcome;
    }
}
