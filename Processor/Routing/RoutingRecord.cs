namespace HeadCt.Processor.Routing;

/// <summary>
/// Where a study's result objects stand at one destination: <c>pending</c> (to send), <c>sent</c>, <c>failed</c> (with
/// the reason; retried at <see cref="NextAttemptAt"/>), or <c>dead-letter</c> (gave up after the configured attempts;
/// <c>POST /results/{id}/routing/{destination}/retry</c> sends again). <see cref="SopInstanceUids"/> are the objects
/// the destination's rule selects.
/// </summary>
public sealed record RoutingRecord(
    string Destination,
    string State,
    int Attempts,
    IReadOnlyList<string> SopInstanceUids,
    string? Reason = null,
    DateTimeOffset? LastAttemptAt = null,
    DateTimeOffset? NextAttemptAt = null,
    DateTimeOffset? SentAt = null)
{
    public const string Pending = "pending", Sent = "sent", Failed = "failed", DeadLetter = "dead-letter";

    public bool IsDue => State is Pending or Failed;
}
