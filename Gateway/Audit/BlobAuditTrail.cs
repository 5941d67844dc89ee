namespace HeadCt.Gateway.Audit;

/// <summary>
/// The audit trail in Azure append blobs: an appended block cannot be changed or removed through the append-blob API,
/// and each append is acknowledged only once stored. Events are JSON lines, written in batches by
/// <see cref="AuditWriter"/> and read as a stream by <see cref="AuditReader"/>.
/// </summary>
internal sealed class BlobAuditTrail(AuditWriter writer, AuditReader reader) : IAuditTrail
{
    public Task AppendAsync(AuditEvent auditEvent) => writer.AppendAsync(auditEvent);

    public void Defer(AuditEvent auditEvent) => writer.Defer(auditEvent);

    public IAsyncEnumerable<(AuditEvent Event, AuditCursor Next)> ReadAsync(AuditQuery query, CancellationToken cancellationToken) =>
        reader.ReadAsync(query, cancellationToken);
}
