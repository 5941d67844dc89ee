namespace HeadCt.Processor.Telemetry;

/// <summary>
/// Every log line the processor writes. Only study ids, UIDs, counts and error kinds: never patient name, id or
/// birth date.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(2100, LogLevel.Information, "Study {StudyId} queued")]
    public static partial void JobQueued(ILogger logger, string studyId);

    [LoggerMessage(2200, LogLevel.Information, "Job {StudyId} started (attempt {Attempt})")]
    public static partial void JobStarted(ILogger logger, string studyId, long attempt);

    [LoggerMessage(2201, LogLevel.Information, "Job {StudyId} completed in {Seconds:F2} s")]
    public static partial void JobCompleted(ILogger logger, string studyId, double seconds);

    [LoggerMessage(2202, LogLevel.Warning, "Job {StudyId} attempt {Attempt} failed; retrying after {Delay}")]
    public static partial void JobAttemptFailed(ILogger logger, string studyId, long attempt, TimeSpan delay, Exception exception);

    [LoggerMessage(2203, LogLevel.Error, "Job {StudyId} failed for good after {Attempts} attempts: {Reason}")]
    public static partial void JobFailed(ILogger logger, string studyId, long attempts, string reason);

    [LoggerMessage(2204, LogLevel.Information, "Job {StudyId} dropped: {Why}")]
    public static partial void JobDropped(ILogger logger, string studyId, string why);

    [LoggerMessage(2205, LogLevel.Warning, "Poison message {MessageId} removed from the queue: {Why}")]
    public static partial void PoisonMessage(ILogger logger, string messageId, string why);

    [LoggerMessage(2206, LogLevel.Warning, "Could not extend the lease of job {StudyId}")]
    public static partial void LeaseRenewalFailed(ILogger logger, string studyId, Exception exception);

    [LoggerMessage(2208, LogLevel.Warning, "Claim on study {StudyId} lost ({Why}); its job stops without writing")]
    public static partial void ClaimLost(ILogger logger, string studyId, string why);

    [LoggerMessage(2209, LogLevel.Information, "Job {StudyId} put back: another replica holds the study")]
    public static partial void StudyHeldElsewhere(ILogger logger, string studyId);

    [LoggerMessage(2207, LogLevel.Warning, "Queue unavailable; worker retries in {Delay}")]
    public static partial void QueueUnavailable(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(2300, LogLevel.Warning, "Cache unavailable; serving from blob storage for {BreakSeconds} s")]
    public static partial void CacheUnavailable(ILogger logger, double breakSeconds, Exception exception);

    [LoggerMessage(2400, LogLevel.Information, "Study {StudyId} result deleted")]
    public static partial void ResultDeleted(ILogger logger, string studyId);

    [LoggerMessage(2500, LogLevel.Warning, "Instance {BlobName} of study {StudyId} is unreadable: {Reason}")]
    public static partial void InstanceUnreadable(ILogger logger, string studyId, string blobName, string reason);

    [LoggerMessage(2600, LogLevel.Information, "Model {Name} {Version} loaded (sha256 {Sha256}, active: {Active})")]
    public static partial void ModelLoaded(ILogger logger, string name, string version, string sha256, bool active);

    [LoggerMessage(2601, LogLevel.Information, "Study {StudyId} scored {Probability:F3} by {Model} {Version} ({Decision}); attention by {Method}, key slice {KeySlice}")]
    public static partial void StudyScored(ILogger logger, string studyId, double probability, string model, string version, string decision, string method, int? keySlice);

    [LoggerMessage(2602, LogLevel.Information, "Study {StudyId}: model {Model} {Version} does not apply (failed: {FailedChecks}); its output is withheld")]
    public static partial void StudyNotApplicable(ILogger logger, string studyId, string model, string version, string failedChecks);

    [LoggerMessage(2700, LogLevel.Information, "View of study {StudyId} rebuilt from storage ({Slices} slices) in {Milliseconds:F0} ms")]
    public static partial void ViewRebuilt(ILogger logger, string studyId, int slices, double milliseconds);
}
