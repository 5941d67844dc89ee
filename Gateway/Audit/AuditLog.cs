namespace HeadCt.Gateway.Audit;

/// <summary>Application-log lines about the trail itself (the events go to the trail, not here). Ids only.</summary>
internal static partial class AuditLog
{
    [LoggerMessage(1400, LogLevel.Error, "Audit event {Action} for study {StudyId} (status {Status}) could not be stored; answered 503")]
    public static partial void AppendFailed(ILogger logger, string action, string studyId, int status, Exception exception);
}
