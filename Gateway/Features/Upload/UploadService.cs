using HeadCt.Gateway.Features.Results;
using HeadCt.Gateway.Features.Upload.Deidentification;
using HeadCt.Gateway.Storage;
using HeadCt.Gateway.Telemetry;
using HeadCt.Services.Common.Storage;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Features.Upload;

/// <summary>
/// One upload, all or nothing: instances are streamed to storage, then the study record is written (last, so an
/// unfinished upload is never visible), then the job is queued at the processor. Any failure removes what was
/// written.
/// </summary>
public sealed class UploadService(
    IStudyStore studies,
    IIdempotencyStore idempotency,
    IProcessorQueue processor,
    IOptions<UploadLimitsOptions> limits,
    GatewayTelemetry telemetry,
    TimeProvider time,
    ILogger<UploadService> logger,
    IOptions<DeidentificationOptions>? deidentification = null)
{
    public const string QueuedStatus = "queued";

    public async Task<UploadOutcome> UploadAsync(MultipartReader reader, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var keyHash = idempotencyKey is null ? null : IdempotencyKey.Hash(idempotencyKey);
        if (keyHash is not null && await idempotency.FindAsync(keyHash, cancellationToken) is { } earlier)
        {
            Log.IdempotentReplay(logger, earlier.Id);
            return new UploadOutcome.Accepted(earlier, Replayed: true);
        }

        var studyId = StudyId.New();
        using var activity = GatewayTelemetry.ActivitySource.StartActivity("upload");
        activity?.SetTag("headct.study_id", studyId);
        var deidentifier = deidentification?.Value.Deidentify == true ? new StudyDeidentifier(studyId) : null;
        var ingest = new StudyIngest(studyId, studies, new UploadBudget(limits.Value), deidentifier);
        var ownsKey = false;
        try
        {
            await ingest.ReadAllAsync(reader, cancellationToken);
            if (ingest.Accepted.Count == 0)
            {
                Log.UploadHadNoDicom(logger, ingest.Rejected.Count);
                telemetry.RejectedParts.Add(ingest.Rejected.Count);
                return new UploadOutcome.NoDicom(ingest.Rejected);
            }

            var response = new UploadResponse(studyId, QueuedStatus, ingest.Accepted, ingest.Rejected);
            await studies.WriteRecordAsync(new StudyRecord(studyId, time.GetUtcNow(), ingest.Accepted, keyHash), cancellationToken);
            if (keyHash is not null)
            {
                if (await idempotency.TryAddAsync(keyHash, response, cancellationToken) is { } winner)
                {
                    // A concurrent retry with the same key finished first: its study is the answer, ours goes.
                    await CleanUpAsync(studyId, keyHash: null);
                    return new UploadOutcome.Accepted(winner, Replayed: true);
                }

                ownsKey = true;
            }

            using (GatewayTelemetry.ActivitySource.StartActivity("enqueue"))
            {
                await processor.QueueAsync(studyId, cancellationToken);
            }

            Log.UploadStored(logger, studyId, ingest.Accepted.Count, ingest.Rejected.Count, ingest.StoredBytes);
            telemetry.Uploads.Add(1);
            telemetry.UploadedBytes.Add(ingest.StoredBytes);
            telemetry.RejectedParts.Add(ingest.Rejected.Count);
            return new UploadOutcome.Accepted(response, Replayed: false);
        }
        catch (UploadLimitExceededException e)
        {
            Log.UploadLimitExceeded(logger, studyId, e.Limit);
            await CleanUpAsync(studyId, ownsKey ? keyHash : null);
            return new UploadOutcome.TooLarge(e.Limit, e.Message);
        }
        catch (StorageUnavailableException e)
        {
            Log.UploadStorageFailed(logger, studyId, e);
            await CleanUpAsync(studyId, ownsKey ? keyHash : null);
            return new UploadOutcome.StorageUnavailable();
        }
        catch (ProcessorUnavailableException e)
        {
            Log.UploadNotQueued(logger, studyId, e);
            await CleanUpAsync(studyId, ownsKey ? keyHash : null);
            return new UploadOutcome.ProcessorUnavailable();
        }
        catch
        {
            await CleanUpAsync(studyId, ownsKey ? keyHash : null);
            throw;
        }
    }

    private async Task CleanUpAsync(string studyId, string? keyHash)
    {
        try
        {
            await studies.DeleteStudyAsync(studyId, CancellationToken.None);
            if (keyHash is not null)
            {
                await idempotency.DeleteAsync(keyHash, CancellationToken.None);
            }
        }
        catch (Exception e)
        {
            // Without a study record the leftover blobs are invisible; the log names the study to sweep.
            Log.CleanupFailed(logger, studyId, e);
        }
    }
}
