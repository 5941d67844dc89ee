using HeadCt.Gateway.Features.Ingest;
using HeadCt.Gateway.Storage;
using HeadCt.Gateway.Telemetry;
using HeadCt.Services.Common.Storage;
using Microsoft.AspNetCore.WebUtilities;

namespace HeadCt.Gateway.Features.Upload;

/// <summary>
/// One <c>POST /upload</c>, all or nothing: its parts go through the ingest seam (<see cref="InstanceIngest"/> per
/// file, <see cref="StudyCommit"/> for the study). An Idempotency-Key seen before from this caller replays the first
/// answer when the files are the same and is refused (422) when they differ.
/// </summary>
public sealed class UploadService(
    InstanceIngest ingest,
    StudyCommit commit,
    IIdempotencyStore idempotency,
    GatewayTelemetry telemetry,
    ILogger<UploadService> logger)
{
    public const string QueuedStatus = "queued";

    /// <param name="keyHash">The caller's Idempotency-Key, scoped (<see cref="IdempotencyKey.Scope"/>), or null.</param>
    public async Task<UploadOutcome> UploadAsync(MultipartReader reader, string? keyHash, CancellationToken cancellationToken)
    {
        if (keyHash is not null && await idempotency.FindAsync(keyHash, cancellationToken) is { } earlier)
        {
            return await ReplayAsync(reader, earlier, cancellationToken);
        }

        var session = ingest.StartSession(IngestSources.Upload);
        using var activity = GatewayTelemetry.ActivitySource.StartActivity("upload");
        activity?.SetTag("headct.study_id", session.StudyId);
        using var fingerprint = new UploadFingerprint();
        try
        {
            await new MultipartUploadReader(ingest, session, fingerprint).ReadAllAsync(reader, cancellationToken);
        }
        catch (IngestLimitExceededException e)
        {
            Log.UploadLimitExceeded(logger, session.StudyId, e.Limit);
            await commit.AbandonAsync(session);
            return new UploadOutcome.TooLarge(e.Limit, e.Message);
        }
        catch (StorageUnavailableException e)
        {
            Log.UploadStorageFailed(logger, session.StudyId, e);
            await commit.AbandonAsync(session);
            return new UploadOutcome.StorageUnavailable();
        }
        catch
        {
            await commit.AbandonAsync(session);
            throw;
        }

        if (session.Accepted.Count == 0)
        {
            Log.UploadHadNoDicom(logger, session.Rejected.Count);
            telemetry.RejectedParts.Add(session.Rejected.Count);
            return new UploadOutcome.NoDicom(session.Rejected);
        }

        var claim = keyHash is null ? null : new IdempotencyClaim(keyHash, fingerprint.Complete());
        return await commit.CommitAsync(session, claim, cancellationToken) switch
        {
            CommitOutcome.Committed => new UploadOutcome.Accepted(
                new UploadResponse(session.StudyId, QueuedStatus, session.Accepted, session.Rejected), Replayed: false),
            CommitOutcome.Replayed replayed => Replay(replayed.Earlier),
            CommitOutcome.KeyReused => new UploadOutcome.KeyReused(),
            CommitOutcome.StorageUnavailable => new UploadOutcome.StorageUnavailable(),
            CommitOutcome.ProcessorUnavailable unavailable => new UploadOutcome.ProcessorUnavailable(unavailable.Error),
            var other => throw new InvalidOperationException($"Unknown commit outcome {other}."),
        };
    }

    private async Task<UploadOutcome> ReplayAsync(MultipartReader reader, IdempotencyRecord earlier, CancellationToken cancellationToken)
    {
        string fingerprint;
        try
        {
            fingerprint = await MultipartUploadReader.FingerprintAsync(reader, cancellationToken);
        }
        catch (IngestLimitExceededException e)
        {
            return new UploadOutcome.TooLarge(e.Limit, e.Message);
        }

        if (fingerprint != earlier.Fingerprint)
        {
            Log.IdempotencyKeyReused(logger, earlier.StudyId);
            return new UploadOutcome.KeyReused();
        }

        return Replay(earlier);
    }

    private UploadOutcome Replay(IdempotencyRecord earlier)
    {
        Log.IdempotentReplay(logger, earlier.StudyId);
        return new UploadOutcome.Accepted(new UploadResponse(earlier.StudyId, QueuedStatus, earlier.Accepted, earlier.Rejected), Replayed: true);
    }
}
