namespace HeadCt.Processor.Telemetry;

internal static partial class Log
{
    [LoggerMessage(2900, LogLevel.Information, "Study {StudyId}: {Count} DICOM result objects written ({Modalities})")]
    public static partial void DicomObjectsWritten(ILogger logger, string studyId, int count, string modalities);

    [LoggerMessage(2901, LogLevel.Information, "Study {StudyId}: {Count} result objects sent to {Destination} (attempt {Attempt})")]
    public static partial void ResultsRouted(ILogger logger, string studyId, string destination, int count, int attempt);

    [LoggerMessage(2902, LogLevel.Warning, "Study {StudyId}: sending to {Destination} failed (attempt {Attempt}, dead letter {DeadLetter}): {Reason}")]
    public static partial void RoutingFailed(ILogger logger, string studyId, string destination, int attempt, bool deadLetter, string reason);

    [LoggerMessage(2903, LogLevel.Warning, "Study {StudyId}: routing pass failed; tried again later")]
    public static partial void RoutingPassFailed(ILogger logger, string studyId, Exception error);
}
