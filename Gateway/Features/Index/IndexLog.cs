namespace HeadCt.Gateway.Features.Index;

/// <summary>Log lines of the gateway's index and DICOMweb work: study ids and counts only, never DICOM values.</summary>
internal static partial class IndexLog
{
    [LoggerMessage(EventId = 1850, Level = LogLevel.Warning, Message = "Study {StudyId} is stored but its index write failed; the reconciler will index it from blob storage")]
    public static partial void WriteFailed(ILogger logger, string studyId, Exception exception);

    [LoggerMessage(EventId = 1851, Level = LogLevel.Information, Message = "STOW-RS stored study {StudyId}: {Stored} instances stored, {Failed} failed")]
    public static partial void StowStored(ILogger logger, string studyId, int stored, int failed);

    [LoggerMessage(EventId = 1852, Level = LogLevel.Warning, Message = "STOW-RS request stored nothing: {Failed} parts failed")]
    public static partial void StowStoredNothing(ILogger logger, int failed);

    [LoggerMessage(EventId = 1853, Level = LogLevel.Warning, Message = "WADO-RS could not read instance blob {BlobNumber} of study {StudyId}")]
    public static partial void UnreadableBlob(ILogger logger, string studyId, int blobNumber, Exception exception);

    [LoggerMessage(EventId = 1854, Level = LogLevel.Warning, Message = "STOW-RS study {StudyId} was stored but could not be queued; it is removed")]
    public static partial void StowNotQueued(ILogger logger, string studyId, Exception exception);
}
