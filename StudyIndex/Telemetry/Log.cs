using Microsoft.Extensions.Logging;

namespace HeadCt.StudyIndex.Telemetry;

/// <summary>The index's log lines: study ids, counts and versions only, never DICOM values.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1801, Level = LogLevel.Information, Message = "Study index migration {Version} ({Name}) applied")]
    public static partial void MigrationApplied(ILogger logger, int version, string name);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Information, Message = "Study index database {Database} created")]
    public static partial void DatabaseCreated(ILogger logger, string database);

    [LoggerMessage(EventId = 1803, Level = LogLevel.Warning, Message = "Study index not reachable yet (attempt {Attempt}); retrying")]
    public static partial void DatabaseNotReady(ILogger logger, int attempt, Exception exception);

    [LoggerMessage(EventId = 1810, Level = LogLevel.Warning, Message = "Index write for study {StudyId} ({Kind}) failed; the outbox marker stays for the reconciler")]
    public static partial void WriteFailed(ILogger logger, string studyId, string kind, Exception exception);

    [LoggerMessage(EventId = 1811, Level = LogLevel.Information, Message = "Reconciler settled {Kind} marker of study {StudyId}: {Outcome}")]
    public static partial void Reconciled(ILogger logger, string kind, string studyId, string outcome);

    [LoggerMessage(EventId = 1812, Level = LogLevel.Warning, Message = "Reconciler could not settle the {Kind} marker of study {StudyId}")]
    public static partial void ReconcileFailed(ILogger logger, string kind, string studyId, Exception exception);

    [LoggerMessage(EventId = 1813, Level = LogLevel.Warning, Message = "Instance blob {BlobName} has no readable DICOM header; it is left out of the index")]
    public static partial void UnreadableInstance(ILogger logger, string blobName);

    [LoggerMessage(EventId = 1820, Level = LogLevel.Information, Message = "Index rebuilt from blob storage: {Studies} studies, {Instances} instances, {Results} results in {Seconds:F1} s")]
    public static partial void Rebuilt(ILogger logger, int studies, int instances, int results, double seconds);
}
