using HeadCt.Dimse.Association;
using Microsoft.Extensions.Logging;

namespace HeadCt.Dimse.Telemetry;

/// <summary>Every log line of the network layer: AE titles, addresses, UIDs of SOP classes and syntaxes, statuses. No data set content.</summary>
internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Information, "Association {AssociationId} from {CallingAe} at {Remote} to {CalledAe} accepted: {Accepted} of {Proposed} presentation contexts")]
    public static partial void Accepted(ILogger logger, string associationId, string callingAe, string? remote, string calledAe, int accepted, int proposed);

    [LoggerMessage(3001, LogLevel.Warning, "Association request from {CallingAe} at {Remote} to {CalledAe} rejected: {Reason}")]
    public static partial void Rejected(ILogger logger, string callingAe, string? remote, string calledAe, string reason);

    [LoggerMessage(3002, LogLevel.Warning, "Connection from {Remote} aborted in state {State}: {Detail}")]
    public static partial void AbortedForProtocolError(ILogger logger, string? remote, AssociationState state, string detail);

    [LoggerMessage(3003, LogLevel.Information, "Association {AssociationId} ended: {Outcome}, {Stored} stored, {Failed} failed, {Seconds:F1} s")]
    public static partial void Ended(ILogger logger, string associationId, AssociationOutcome outcome, int stored, int failed, double seconds);

    [LoggerMessage(3004, LogLevel.Warning, "C-STORE of {SopClassUid} on association {AssociationId} answered {Status}: {Reason}")]
    public static partial void StoreFailed(ILogger logger, string sopClassUid, string associationId, string status, string? reason);

    [LoggerMessage(3005, LogLevel.Error, "The C-STORE handler failed on association {AssociationId}")]
    public static partial void HandlerFailed(ILogger logger, string associationId, Exception exception);

    [LoggerMessage(3006, LogLevel.Information, "Connection from {Remote} ended before an association: {Outcome}")]
    public static partial void EndedBeforeAssociation(ILogger logger, string? remote, AssociationOutcome outcome);

    [LoggerMessage(3007, LogLevel.Error, "The association-ended callback failed for {AssociationId}")]
    public static partial void EndCallbackFailed(ILogger logger, string associationId, Exception exception);
}
