using System.Diagnostics;
using HeadCt.StudyIndex.Attributes;
using HeadCt.StudyIndex.Telemetry;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HeadCt.StudyIndex.Qido;

/// <summary>Runs QIDO-RS searches against the index.</summary>
public sealed class QidoSearch(NpgsqlDataSource database, IOptions<IndexOptions> options, IndexTelemetry telemetry)
{
    public async Task<QidoResult> SearchAsync(QidoQuery query, CancellationToken cancellationToken)
    {
        using var activity = IndexTelemetry.ActivitySource.StartActivity("qido search");
        activity?.SetTag("headct.qido.level", query.Level.ToString().ToLowerInvariant());
        var started = Stopwatch.GetTimestamp();
        var returned = query.ReturnAttributes();
        var headerFields = query.HeaderFields();
        await using var command = QidoSql.Build(query, returned, withHeader: headerFields.Count > 0);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        command.Connection = connection;
        command.CommandTimeout = options.Value.CommandTimeoutSeconds;

        var rows = new List<QidoRow>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var values = new object?[returned.Count];
                for (var i = 0; i < returned.Count; i++)
                {
                    values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                var header = reader.IsDBNull(returned.Count) ? null : (byte[])reader.GetValue(returned.Count);
                rows.Add(new QidoRow(values, header));
            }
        }

        var more = rows.Count > query.Limit;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        telemetry.Queries.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            new KeyValuePair<string, object?>("kind", "qido-" + query.Level.ToString().ToLowerInvariant()));
        return new QidoResult(returned, headerFields, rows, more);
    }
}

/// <summary>The rows of a search: <see cref="QidoRow.Values"/> line up with <see cref="Attributes"/>.</summary>
public sealed record QidoResult(
    IReadOnlyList<IndexedAttribute> Attributes,
    IReadOnlyList<HeadCt.Dicom.DicomTag> HeaderFields,
    IReadOnlyList<QidoRow> Rows,
    bool HasMore);

/// <summary>One result: column values (string, int, string[] or null) and, when asked for, the stored header.</summary>
public sealed record QidoRow(object?[] Values, byte[]? Header);
