using HeadCt.StudyIndex.Storage;
using HeadCt.StudyIndex.Telemetry;
using HeadCt.StudyIndex.Writing;
using Microsoft.Extensions.Logging;

namespace HeadCt.StudyIndex.Reconcile;

/// <summary>
/// Settles outbox markers left by a writer that stopped between its blob write and its index write: the study (or
/// result) is re-derived from blob storage and written to the index, or removed from it when its blobs are gone.
/// </summary>
public sealed class IndexReconciler(IndexOutbox outbox, BlobStudySource source, StudyIndexWriter writer, IndexTelemetry telemetry, ILogger logger)
{
    /// <summary>Settles the markers older than <paramref name="grace"/>; returns how many were cleared.</summary>
    public async Task<int> RunOnceAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        var cleared = 0;
        foreach (var (kind, studyId) in await outbox.ListAsync(DateTimeOffset.UtcNow - grace, cancellationToken))
        {
            try
            {
                var outcome = kind == OutboxKind.Study
                    ? await SettleStudyAsync(studyId, cancellationToken)
                    : await SettleResultAsync(studyId, cancellationToken);
                if (outcome is null)
                {
                    continue;
                }

                await outbox.ClearAsync(kind, studyId, cancellationToken);
                telemetry.Reconciled.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString().ToLowerInvariant()));
                Log.Reconciled(logger, kind.ToString(), studyId, outcome);
                cleared++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.ReconcileFailed(logger, kind.ToString(), studyId, e);
            }
        }

        return cleared;
    }

    private async Task<string?> SettleStudyAsync(string studyId, CancellationToken cancellationToken)
    {
        if (await source.ReadArrivalAsync(studyId, cancellationToken) is { } arrival)
        {
            await writer.IndexStudyAsync(arrival, cancellationToken);
            if (await source.ReadResultAsync(studyId, cancellationToken) is { } result)
            {
                await writer.ApplyResultAsync(studyId, result, cancellationToken);
            }

            return "indexed from blob storage";
        }

        await writer.RemoveStudyAsync(studyId, cancellationToken);
        return "removed (no study record)";
    }

    /// <summary>Null (keep the marker) while the study itself is not indexed yet: its own marker settles it first.</summary>
    private async Task<string?> SettleResultAsync(string studyId, CancellationToken cancellationToken)
    {
        var result = await source.ReadResultAsync(studyId, cancellationToken);
        var applied = result is null
            ? await writer.ClearResultAsync(studyId, cancellationToken)
            : await writer.ApplyResultAsync(studyId, result, cancellationToken);
        if (applied)
        {
            return result is null ? "result cleared" : "result applied";
        }

        return await source.ReadArrivalAsync(studyId, cancellationToken) is null ? "study gone" : null;
    }
}
