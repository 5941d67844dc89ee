namespace HeadCt.Gateway.Telemetry;

/// <summary>
/// Every log line the gateway writes. Only ids, counts and UIDs of the upload structure appear here: never patient
/// name, id or birth date.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1100, LogLevel.Information, "Study {StudyId} stored from {Source}: {Accepted} accepted, {Rejected} rejected, {Bytes} bytes")]
    public static partial void StudyCommitted(ILogger logger, string studyId, string source, int accepted, int rejected, long bytes);

    [LoggerMessage(1101, LogLevel.Information, "Upload rejected: no DICOM file among {Rejected} parts")]
    public static partial void UploadHadNoDicom(ILogger logger, int rejected);

    [LoggerMessage(1102, LogLevel.Warning, "Upload {StudyId} exceeded the limit {Limit}")]
    public static partial void UploadLimitExceeded(ILogger logger, string studyId, string limit);

    [LoggerMessage(1103, LogLevel.Warning, "Upload {StudyId} failed in storage; cleaning up")]
    public static partial void UploadStorageFailed(ILogger logger, string studyId, Exception exception);

    [LoggerMessage(1104, LogLevel.Warning, "Upload {StudyId} could not be queued at the processor; cleaning up")]
    public static partial void UploadNotQueued(ILogger logger, string studyId, Exception exception);

    [LoggerMessage(1105, LogLevel.Information, "Idempotent replay of upload {StudyId}")]
    public static partial void IdempotentReplay(ILogger logger, string studyId);

    [LoggerMessage(1107, LogLevel.Warning, "Idempotency-Key of upload {StudyId} reused for a different request; refused")]
    public static partial void IdempotencyKeyReused(ILogger logger, string studyId);

    [LoggerMessage(1106, LogLevel.Error, "Cleanup of upload {StudyId} failed; blobs may remain")]
    public static partial void CleanupFailed(ILogger logger, string studyId, Exception exception);

    [LoggerMessage(1108, LogLevel.Warning, "Removed {Blobs} blobs of study {StudyId}, which never got a study record (found by {FoundBy})")]
    public static partial void OrphansSwept(ILogger logger, string studyId, int blobs, string foundBy);

    [LoggerMessage(1109, LogLevel.Warning, "The orphan sweep could not finish: storage is unavailable")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(1200, LogLevel.Information, "Study {StudyId} deleted ({Blobs} blobs)")]
    public static partial void StudyDeleted(ILogger logger, string studyId, int blobs);

    [LoggerMessage(1300, LogLevel.Warning, "Processor call {Operation} for {StudyId} failed")]
    public static partial void ProcessorCallFailed(ILogger logger, string operation, string studyId, Exception exception);
}
