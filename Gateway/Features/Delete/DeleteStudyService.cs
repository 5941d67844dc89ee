using HeadCt.Gateway.Features.Results;
using HeadCt.Gateway.Storage;
using HeadCt.Gateway.Telemetry;

namespace HeadCt.Gateway.Features.Delete;

/// <summary>
/// Removes a study everywhere: the result document and its cache entry (at the processor, first, so a running or
/// queued job finds nothing to write to and drops itself), then the DICOM blobs, study record and idempotency record.
/// </summary>
public sealed class DeleteStudyService(
    ProcessorClient processor, IStudyStore studies, IIdempotencyStore idempotency, ILogger<DeleteStudyService> logger)
{
    /// <summary>False when nothing of the study existed.</summary>
    public async Task<bool> DeleteAsync(string studyId, CancellationToken cancellationToken)
    {
        var resultDeleted = await processor.DeleteResultAsync(studyId, cancellationToken);
        var record = await studies.ReadRecordAsync(studyId, cancellationToken);
        if (record?.IdempotencyKeyHash is { } keyHash)
        {
            await idempotency.DeleteAsync(keyHash, cancellationToken);
        }

        var blobs = await studies.DeleteStudyAsync(studyId, cancellationToken);
        Log.StudyDeleted(logger, studyId, blobs);
        return resultDeleted || blobs > 0;
    }
}
