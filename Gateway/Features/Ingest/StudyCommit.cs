using HeadCt.Gateway.Features.Results;
using HeadCt.Gateway.Storage;
using HeadCt.Gateway.Telemetry;
using HeadCt.Services.Common.Storage;

namespace HeadCt.Gateway.Features.Ingest;

// ─── The ingest seam, step 2 of 2: the study ─────────────────────────────────────────────────────────────────────────
// After its instances went through InstanceIngest (step 1), a source makes the study exist with CommitAsync:
//   1. the study record (studies/{id}/study.json, with its source) is written LAST, so an unfinished study is never
//      visible (the orphan sweeper removes what an unfinished one left);
//   2. the idempotency key, if any, is bound (a concurrent twin with the same key wins or loses here);
//   3. the job is queued at the processor.
// Any failure removes everything the session wrote (instances, staged blocks, record, key). A source that gives up
// before committing (a 413, an aborted association) calls AbandonAsync. The caller must have at least one accepted
// instance; deciding what "no DICOM at all" means is the source's (400 for uploads, a failure status for C-STORE).
// C-STORE differs in one way: each instance was answered Success when stored, so the sender will not send it again.
// CommitAcknowledgedAsync therefore never removes anything: a failure is reported and the caller commits again later;
// a study committed before (late instances) is written again with all its instances and reprocessed.
// ──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────

/// <summary>Makes an ingested study visible and queued, all or nothing.</summary>
public sealed class StudyCommit(
    IStudyStore studies,
    IIdempotencyStore idempotency,
    IProcessorQueue processor,
    GatewayTelemetry telemetry,
    TimeProvider time,
    ILogger<StudyCommit> logger)
{
    public async Task<CommitOutcome> CommitAsync(IngestSession session, IdempotencyClaim? claim, CancellationToken cancellationToken)
    {
        if (session.Accepted.Count == 0)
        {
            throw new InvalidOperationException("A study is committed only with at least one accepted instance.");
        }

        var studyId = session.StudyId;
        var ownsKey = false;
        try
        {
            var record = new StudyRecord(studyId, time.GetUtcNow(), session.Accepted, claim?.KeyHash, session.Source);
            await studies.WriteRecordAsync(record, cancellationToken);
            await ClearMarkerAsync(studyId);
            if (claim is not null)
            {
                var first = new IdempotencyRecord(claim.Fingerprint, studyId, session.Accepted, session.Rejected);
                if (await idempotency.TryAddAsync(claim.KeyHash, first, cancellationToken) is { } winner)
                {
                    // A concurrent request with the same key committed first: ours goes, its study is the answer.
                    await RemoveAsync(studyId, keyHash: null);
                    return winner.Fingerprint == claim.Fingerprint ? new CommitOutcome.Replayed(winner) : new CommitOutcome.KeyReused();
                }

                ownsKey = true;
            }

            using (GatewayTelemetry.ActivitySource.StartActivity("enqueue"))
            {
                await processor.QueueAsync(studyId, cancellationToken);
            }

            Log.StudyCommitted(logger, studyId, session.Source, session.Accepted.Count, session.Rejected.Count, session.StoredBytes);
            telemetry.Uploads.Add(1, new KeyValuePair<string, object?>("headct.source", session.Source));
            telemetry.UploadedBytes.Add(session.StoredBytes);
            telemetry.RejectedParts.Add(session.Rejected.Count);
            return new CommitOutcome.Committed(record);
        }
        catch (StorageUnavailableException e)
        {
            Log.UploadStorageFailed(logger, studyId, e);
            await RemoveAsync(studyId, ownsKey ? claim!.KeyHash : null);
            return new CommitOutcome.StorageUnavailable();
        }
        catch (ProcessorUnavailableException e)
        {
            Log.UploadNotQueued(logger, studyId, e);
            await RemoveAsync(studyId, ownsKey ? claim!.KeyHash : null);
            return new CommitOutcome.ProcessorUnavailable(e);
        }
        catch
        {
            await RemoveAsync(studyId, ownsKey ? claim!.KeyHash : null);
            throw;
        }
    }

    /// <summary>
    /// Commits a session whose instances were already acknowledged to their sender (DIMSE): record (with
    /// <paramref name="origin"/>), then the processor; <paramref name="reprocess"/> when the study was committed before.
    /// Nothing is removed on failure; the caller tries again.
    /// </summary>
    public async Task<CommitOutcome> CommitAcknowledgedAsync(
        IngestSession session, DimseOrigin origin, bool reprocess, CancellationToken cancellationToken)
    {
        if (session.Accepted.Count == 0)
        {
            throw new InvalidOperationException("A study is committed only with at least one accepted instance.");
        }

        var studyId = session.StudyId;
        var createdAt = session.CommittedAt ?? time.GetUtcNow();
        var record = new StudyRecord(studyId, createdAt, [.. session.Accepted], null, session.Source, origin);
        try
        {
            await studies.WriteRecordAsync(record, cancellationToken);
            session.CommittedAt = createdAt;
            await ClearMarkerAsync(studyId);
            using (GatewayTelemetry.ActivitySource.StartActivity("enqueue"))
            {
                if (!await processor.QueueAsync(studyId, session.Source, origin, reprocess, cancellationToken))
                {
                    return new CommitOutcome.ProcessorBusy();
                }
            }
        }
        catch (StorageUnavailableException e)
        {
            Log.UploadStorageFailed(logger, studyId, e);
            return new CommitOutcome.StorageUnavailable();
        }
        catch (ProcessorUnavailableException e)
        {
            Log.UploadNotQueued(logger, studyId, e);
            return new CommitOutcome.ProcessorUnavailable(e);
        }

        Log.StudyCommitted(logger, studyId, session.Source, session.Accepted.Count, session.Rejected.Count, session.StoredBytes);
        if (!reprocess)
        {
            telemetry.Uploads.Add(1, new KeyValuePair<string, object?>("headct.source", session.Source));
        }

        return new CommitOutcome.Committed(record);
    }

    /// <summary>Removes what an uncommitted session stored (never throws: the sweeper takes what is left).</summary>
    public Task AbandonAsync(IngestSession session) => RemoveAsync(session.StudyId, keyHash: null);

    /// <summary>The record is written: the marker only tells the sweeper so, and the sweeper takes a stale one as well.</summary>
    private async Task ClearMarkerAsync(string studyId)
    {
        try
        {
            await studies.ClearPendingAsync(studyId, CancellationToken.None);
        }
        catch (StorageUnavailableException e)
        {
            Log.CleanupFailed(logger, studyId, e);
        }
    }

    private async Task RemoveAsync(string studyId, string? keyHash)
    {
        try
        {
            await studies.DeleteStudyAsync(studyId, CancellationToken.None);
            if (keyHash is not null)
            {
                await idempotency.DeleteAsync(keyHash, CancellationToken.None);
            }

            await studies.ClearPendingAsync(studyId, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Without a study record the leftover blobs are invisible; the sweeper removes them after its grace period.
            Log.CleanupFailed(logger, studyId, e);
        }
    }
}
