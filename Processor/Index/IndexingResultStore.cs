using HeadCt.Processor.Results;
using HeadCt.StudyIndex.Storage;
using HeadCt.StudyIndex.Telemetry;
using HeadCt.StudyIndex.Writing;

namespace HeadCt.Processor.Index;

/// <summary>
/// The result store with the worklist kept in step: every result document written (or deleted) is applied to the
/// study's worklist row. An outbox marker set before the blob write and cleared after the index write lets the
/// reconciler finish the job after a crash in between; an index failure never fails the result write.
/// </summary>
public sealed class IndexingResultStore(
    IResultStore inner, StudyIndexWriter writer, IndexOutbox outbox, IndexTelemetry telemetry, ILogger<IndexingResultStore> logger) : IResultStore
{
    public Task<StoredResult?> GetAsync(string studyId, CancellationToken cancellationToken) => inner.GetAsync(studyId, cancellationToken);

    public async Task<bool> TryCreateAsync(ResultDocument document, CancellationToken cancellationToken)
    {
        await outbox.MarkAsync(OutboxKind.Result, document.Id, cancellationToken);
        var created = await inner.TryCreateAsync(document, cancellationToken);
        if (created)
        {
            await ApplyAsync(document.Id, ProcessorJson(document), cancellationToken);
        }
        else
        {
            await outbox.ClearAsync(OutboxKind.Result, document.Id, cancellationToken);
        }

        return created;
    }

    public async Task<ResultUpdate> UpdateAsync(
        string studyId, Func<ResultDocument, ResultDocument?> change, string? ifMatch, CancellationToken cancellationToken)
    {
        await outbox.MarkAsync(OutboxKind.Result, studyId, cancellationToken);
        var update = await inner.UpdateAsync(studyId, change, ifMatch, cancellationToken);
        if (update is ResultUpdate.Updated updated)
        {
            await ApplyAsync(studyId, updated.Result.Json, cancellationToken);
        }
        else
        {
            await outbox.ClearAsync(OutboxKind.Result, studyId, cancellationToken);
        }

        return update;
    }

    public async Task<bool> DeleteAsync(string studyId, CancellationToken cancellationToken)
    {
        await outbox.MarkAsync(OutboxKind.Result, studyId, cancellationToken);
        var deleted = await inner.DeleteAsync(studyId, cancellationToken);
        try
        {
            await writer.ClearResultAsync(studyId, cancellationToken);
            await outbox.ClearAsync(OutboxKind.Result, studyId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Failed(studyId, e);
        }

        return deleted;
    }

    /// <summary>Applies the stored JSON (the same bytes a rebuild reads); the marker stays when the study is not indexed yet.</summary>
    private async Task ApplyAsync(string studyId, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        try
        {
            if (await writer.ApplyResultAsync(studyId, ResultSummary.Parse(json.Span), cancellationToken))
            {
                await outbox.ClearAsync(OutboxKind.Result, studyId, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Failed(studyId, e);
        }
    }

    private void Failed(string studyId, Exception e)
    {
        telemetry.WriteFailures.Add(1);
        IndexLog.WriteFailed(logger, studyId, e);
    }

    private static byte[] ProcessorJson(ResultDocument document) =>
        System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(document, HeadCt.Processor.ProcessorJson.Options);
}
