using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using HeadCt.Services.Common.Storage;

namespace HeadCt.Gateway.Audit;

/// <summary>
/// Reads the trail as a stream: the day prefixes of the range are listed, each blob started before the range's end
/// is read line by line from the cursor's offset (never whole into memory), and events in the range are yielded with
/// the cursor that resumes after them.
/// </summary>
internal sealed class AuditReader(AuditContainer container)
{
    private const int MaxLineBytes = 64 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async IAsyncEnumerable<(AuditEvent Event, AuditCursor Next)> ReadAsync(
        AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var client = await container.GetAsync(cancellationToken);
        for (var day = query.From.UtcDateTime.Date; day < query.To.UtcDateTime; day = day.AddDays(1))
        {
            foreach (var name in await ListAsync(client, day, query, cancellationToken))
            {
                var offset = query.After is { } after && after.Blob == name ? after.Offset : 0;
                await using var content = await StorageCalls.Run(() => client.GetBlobClient(name).OpenReadAsync(
                    new BlobOpenReadOptions(allowModifications: true) { Position = offset }, cancellationToken));
                var lines = new JsonLineReader(content, offset, MaxLineBytes);
                while (await lines.NextAsync(cancellationToken) is { } line)
                {
                    var auditEvent = Parse(line.Bytes);
                    if (auditEvent is not null && auditEvent.Time >= query.From && auditEvent.Time < query.To &&
                        (query.StudyId is null || auditEvent.StudyId == query.StudyId))
                    {
                        yield return (auditEvent, new AuditCursor(name, line.NextOffset));
                    }
                }
            }
        }
    }

    private static async Task<List<string>> ListAsync(
        Azure.Storage.Blobs.BlobContainerClient client, DateTime day, AuditQuery query, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await StorageCalls.Run(async () =>
        {
            await foreach (var item in client.GetBlobsAsync(new GetBlobsOptions { Prefix = AuditBlobLayout.DayPrefix(day) }, cancellationToken))
            {
                if (AuditBlobLayout.StartOf(item.Name) is { } start && start < query.To &&
                    (query.After is null || string.CompareOrdinal(item.Name, query.After.Blob) >= 0))
                {
                    names.Add(item.Name);
                }
            }
        });
        return names;
    }

    private static AuditEvent? Parse(ReadOnlyMemory<byte> line)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditEvent>(line.Span, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
