namespace HeadCt.Gateway.Audit;

/// <summary>The append-only audit trail, kept apart from application logs.</summary>
public interface IAuditTrail
{
    /// <summary>Returns once the event is durably stored; throws when it could not be.</summary>
    Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>Events with <paramref name="from"/> ≤ time &lt; <paramref name="to"/>, of one study when given, oldest first.</summary>
    Task<IReadOnlyList<AuditEvent>> QueryAsync(DateTimeOffset from, DateTimeOffset to, string? studyId, CancellationToken cancellationToken);
}
