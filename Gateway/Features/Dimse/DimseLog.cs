namespace HeadCt.Gateway.Features.Dimse;

/// <summary>
/// The gateway's DICOM log lines (event ids 1500-1599): AE titles, addresses, study ids, counts and UIDs of the
/// upload structure; never patient attributes.
/// </summary>
internal static partial class DimseLog
{
    [LoggerMessage(1500, LogLevel.Information, "DICOM endpoint {AeTitle} listening on port {Port} (at most {MaxAssociations} associations)")]
    public static partial void Listening(ILogger logger, string aeTitle, int port, int maxAssociations);

    [LoggerMessage(1501, LogLevel.Warning, "C-STORE from {CallingAe} refused ({Reason}): {Detail}")]
    public static partial void InstanceRefused(ILogger logger, string callingAe, string reason, string detail);

    [LoggerMessage(1502, LogLevel.Information, "Study {StudyId} complete after the quiet period: {Instances} instances from {Associations} associations; queued ({Mode})")]
    public static partial void StudyCommitted(ILogger logger, string studyId, int instances, int associations, string mode);

    [LoggerMessage(1503, LogLevel.Warning, "Study {StudyId} could not be committed yet; retrying")]
    public static partial void CommitDeferred(ILogger logger, string studyId, Exception? exception);

    [LoggerMessage(1504, LogLevel.Information, "Study {StudyId} is being processed; reprocessing for late instances waits for it")]
    public static partial void ReprocessWaiting(ILogger logger, string studyId);


    [LoggerMessage(1510, LogLevel.Information, "Send {SendId} of study {StudyId} to {Destination}: attempt {Attempt}, {Stored} stored, {Failed} failed, {Refused} refused, {NotSent} not sent")]
    public static partial void SendAttempted(ILogger logger, string sendId, string studyId, string destination, int attempt, int stored, int failed, int refused, int notSent);

    [LoggerMessage(1511, LogLevel.Warning, "Send {SendId} of study {StudyId} to {Destination} failed for good after {Attempts} attempts: {Reason}")]
    public static partial void SendFailed(ILogger logger, string sendId, string studyId, string destination, int attempts, string reason);

    [LoggerMessage(1512, LogLevel.Error, "Send {SendId} could not run")]
    public static partial void SendCrashed(ILogger logger, string sendId, Exception exception);
}
