namespace HeadCt.Processor.Telemetry;

internal static partial class Log
{
    [LoggerMessage(2900, LogLevel.Information, "Study {StudyId}: {Count} DICOM result objects written ({Modalities})")]
    public static partial void DicomObjectsWritten(ILogger logger, string studyId, int count, string modalities);
}
