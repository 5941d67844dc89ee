namespace HeadCt.Gateway.Audit;

/// <summary>Application-log lines about the trail itself (the events go to the trail, not here). Ids and counts only.</summary>
internal static partial class AuditLog
{
    [LoggerMessage(1400, LogLevel.Error, "Audit event {Action} for study {StudyId} (status {Status}) could not be stored in time; answered {Answer} and kept for retry")]
    public static partial void AppendFailed(ILogger logger, string action, string studyId, int status, int answer, Exception exception);

    [LoggerMessage(1401, LogLevel.Error, "An audit block of {Events} events could not be written; {Deferred} kept for retry, {Pending} waiting")]
    public static partial void BatchFailed(ILogger logger, int events, int deferred, int pending, Exception exception);

    [LoggerMessage(1402, LogLevel.Critical, "{Count} audit events were dropped: the outbox is full or the writer stopped")]
    public static partial void EventsDropped(ILogger logger, int count);

    [LoggerMessage(1403, LogLevel.Critical, "{Count} audit events could not be written before shutdown and are lost")]
    public static partial void EventsLostAtShutdown(ILogger logger, int count);
}
