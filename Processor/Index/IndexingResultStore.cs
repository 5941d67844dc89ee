using System.Text.Json;
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

    public Task<bool> TryCreateAsync(ResultDocument document, CancellationToken cancellationToken) =>
        outbox.RunAsync(OutboxKind.Result, document.Id,
            () => inner.TryCreateAsync(document, cancellationToken),
            created => created ? ApplyAsync(document.Id, JsonSerializer.SerializeToUtf8Bytes(document, ProcessorJson.Options), cancellationToken) : Task.FromResult(true),
            e => Failed(document.Id, e), cancellationToken);

    public Task<ResultUpdate> UpdateAsync(
        string studyId, Func<ResultDocument, ResultDocument?> change, string? ifMatch, CancellationToken cancellationToken) =>
        outbox.RunAsync(OutboxKind.Result, studyId,
            () => inner.UpdateAsync(studyId, change, ifMatch, cancellationToken),
            update => update is ResultUpdate.Updated updated ? ApplyAsync(studyId, updated.Result.Json, cancellationToken) : Task.FromResult(true),
            e => Failed(studyId, e), cancellationToken);

    public Task<bool> DeleteAsync(string studyId, CancellationToken cancellationToken) =>
        outbox.RunAsync(OutboxKind.Result, studyId,
            () => inner.DeleteAsync(studyId, cancellationToken),
            async _ =>
            {
                await writer.ClearResultAsync(studyId, cancellationToken);
                return true;
            },
            e => Failed(studyId, e), cancellationToken);

    /// <summary>Applies the stored JSON (the same bytes a rebuild reads); false (the mark stays) when the study is not indexed yet.</summary>
    private Task<bool> ApplyAsync(string studyId, ReadOnlyMemory<byte> json, CancellationToken cancellationToken) =>
        writer.ApplyResultAsync(studyId, ResultSummary.Parse(json.Span), cancellationToken);

    private void Failed(string studyId, Exception e)
    {
        telemetry.WriteFailures.Add(1);
        IndexLog.WriteFailed(logger, studyId, e);
    }
}
