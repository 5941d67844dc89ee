using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using HeadCt.Services.Common.Storage;

namespace HeadCt.Gateway.Audit;

/// <summary>
/// The audit trail in Azure append blobs: an appended block cannot be changed or removed through the append-blob API,
/// and each append is acknowledged only once stored. Events are JSON lines.
/// </summary>
public sealed class BlobAuditTrail(AuditContainer container) : IAuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConcurrentDictionary<string, bool> _createdBlobs = new(StringComparer.Ordinal);

    public async Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(auditEvent, Json);
        var record = new byte[line.Length + 1];
        line.CopyTo(record, 0);
        record[^1] = (byte)'\n';

        var name = AuditBlobLayout.HourBlob(auditEvent.Time);
        var blob = (await container.GetAsync(cancellationToken)).GetAppendBlobClient(name);
        await StorageCalls.Run(async () =>
        {
            if (!_createdBlobs.ContainsKey(name))
            {
                await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                _createdBlobs.TryAdd(name, true);
            }

            using var content = new MemoryStream(record, writable: false);
            await blob.AppendBlockAsync(content, cancellationToken: cancellationToken);
        });
    }

    public async Task<IReadOnlyList<AuditEvent>> QueryAsync(
        DateTimeOffset from, DateTimeOffset to, string? studyId, CancellationToken cancellationToken)
    {
        var client = await container.GetAsync(cancellationToken);
        var events = new List<AuditEvent>();
        for (var day = from.UtcDateTime.Date; day < to.UtcDateTime; day = day.AddDays(1))
        {
            var names = new List<string>();
            await StorageCalls.Run(async () =>
            {
                await foreach (var item in client.GetBlobsAsync(new GetBlobsOptions { Prefix = AuditBlobLayout.DayPrefix(day) }, cancellationToken))
                {
                    if (AuditBlobLayout.HourOf(item.Name) is { } hour && hour.AddHours(1) > from && hour < to)
                    {
                        names.Add(item.Name);
                    }
                }
            });

            foreach (var name in names)
            {
                var content = await StorageCalls.Run(async () =>
                    (await client.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value.Content);
                Collect(content.ToMemory(), from, to, studyId, events);
            }
        }

        events.Sort((a, b) => a.Time.CompareTo(b.Time));
        return events;
    }

    private static void Collect(ReadOnlyMemory<byte> content, DateTimeOffset from, DateTimeOffset to, string? studyId, List<AuditEvent> events)
    {
        var rest = content.Span;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf((byte)'\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (line.IsEmpty)
            {
                continue;
            }

            var auditEvent = JsonSerializer.Deserialize<AuditEvent>(line, Json);
            if (auditEvent is not null && auditEvent.Time >= from && auditEvent.Time < to &&
                (studyId is null || auditEvent.StudyId == studyId))
            {
                events.Add(auditEvent);
            }
        }
    }
}
