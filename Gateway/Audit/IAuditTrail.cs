namespace HeadCt.Gateway.Audit;

/// <summary>The append-only audit trail, kept apart from application logs.</summary>
public interface IAuditTrail
{
    /// <summary>
    /// Returns once the event is durably stored (batched with others arriving at the same time); throws when it could
    /// not be within <see cref="AuditOptions.AppendTimeout"/>. Not tied to any request's abort: a client hanging up does
    /// not cancel the record of what it did.
    /// </summary>
    Task AppendAsync(AuditEvent auditEvent);

    /// <summary>Stores the event as soon as storage allows (the outbox, retried until written), without waiting.</summary>
    void Defer(AuditEvent auditEvent);

    /// <summary>
    /// Events with <see cref="AuditQuery.From"/> ≤ time &lt; <see cref="AuditQuery.To"/> (of one study when given), in
    /// the order they were written, starting after <see cref="AuditQuery.After"/>; each comes with the cursor that
    /// resumes after it. Read as a stream: no blob is held in memory.
    /// </summary>
    IAsyncEnumerable<(AuditEvent Event, AuditCursor Next)> ReadAsync(AuditQuery query, CancellationToken cancellationToken);
}

public sealed record AuditQuery(DateTimeOffset From, DateTimeOffset To, string? StudyId, AuditCursor? After);
