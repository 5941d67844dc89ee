namespace HeadCt.Processor.Index;

/// <summary>The processor's index log lines: study ids only.</summary>
internal static partial class IndexLog
{
    [LoggerMessage(EventId = 1860, Level = LogLevel.Warning, Message = "Result of study {StudyId} is stored but its worklist row was not updated; the reconciler will")]
    public static partial void WriteFailed(ILogger logger, string studyId, Exception exception);
}
