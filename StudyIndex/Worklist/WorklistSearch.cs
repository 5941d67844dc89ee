using System.Diagnostics;
using System.Globalization;
using System.Text;
using HeadCt.StudyIndex.Telemetry;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HeadCt.StudyIndex.Worklist;

/// <summary>The worklist from the index (issue 18 §4): filtered, sorted by triage priority or time, paged.</summary>
public sealed class WorklistSearch(NpgsqlDataSource database, IOptions<IndexOptions> options, IndexTelemetry telemetry)
{
    private const string Columns =
        "study_id, received_at, source, file_count, study_instance_uid, patient_name, patient_id, study_date, " +
        "study_description, accession_number, modalities, status, failure_reason, completed_at, probability, positive, " +
        "decision_threshold, model_name, model_version, applicability, ood_score, review_decision, triage_group, " +
        "patient_sex, patient_birth_date, study_time, deidentified";

    // The worklist row with the patient and study attributes only the DICOM study keeps (sex, birth date, time). A row
    // is de-identified when its patient id is the pseudonym the gateway's confidentiality profile writes.
    private const string Source =
        "(SELECT w.*, s.patient_sex, s.patient_birth_date, s.study_time, w.patient_id = 'ANON-' || w.study_id AS deidentified " +
        "FROM worklist w LEFT JOIN studies s ON s.study_instance_uid = w.study_instance_uid) AS worklist";

    /// <summary>The page, and whether more rows follow it.</summary>
    public async Task<(IReadOnlyList<WorklistItem> Items, bool HasMore)> SearchAsync(WorklistQuery query, CancellationToken cancellationToken)
    {
        using var activity = IndexTelemetry.ActivitySource.StartActivity("worklist search");
        var started = Stopwatch.GetTimestamp();
        await using var command = new NpgsqlCommand { CommandTimeout = options.Value.CommandTimeoutSeconds };
        var conditions = new List<string>();
        if (query.Statuses.Count > 0)
        {
            conditions.Add($"status = ANY({Parameter(command, query.Statuses.ToArray())})");
        }

        if (query.ReceivedFrom is { } from)
        {
            conditions.Add($"received_at >= {Parameter(command, from.ToUniversalTime())}");
        }

        if (query.ReceivedTo is { } to)
        {
            conditions.Add($"received_at < {Parameter(command, to.ToUniversalTime())}");
        }

        if (query.Modality is { } modality)
        {
            conditions.Add($"modalities @> {Parameter(command, new[] { modality })}");
        }

        if (query.Applicability is { } applicability)
        {
            conditions.Add(applicability == "unknown" ? "applicability IS NULL" : $"applicability = {Parameter(command, applicability)}");
        }

        if (query.Decision is { } decision)
        {
            conditions.Add(decision switch
            {
                "positive" => "positive IS TRUE",
                "negative" => "positive IS FALSE",
                _ => "positive IS NULL",
            });
        }

        if (query.Review is { } review)
        {
            conditions.Add(review == "unreviewed" ? "review_decision IS NULL" : $"review_decision = {Parameter(command, review)}");
        }

        var sql = new StringBuilder($"SELECT {Columns} FROM {Source}");
        if (conditions.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", conditions);
        }

        sql.Append(query.Sort == WorklistSort.Priority
            ? " ORDER BY triage_group, triage_probability DESC NULLS LAST, received_at, study_id"
            : " ORDER BY received_at DESC, study_id DESC");
        sql.Append(" LIMIT ").Append(Parameter(command, query.Limit + 1)).Append(" OFFSET ").Append(Parameter(command, query.Offset));
        command.CommandText = sql.ToString();

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        command.Connection = connection;
        var items = new List<WorklistItem>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new WorklistItem(
                    reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), reader.GetInt32(3),
                    Text(reader, 4), Text(reader, 5), Text(reader, 6), Text(reader, 7), Text(reader, 8), Text(reader, 9),
                    reader.GetFieldValue<string[]>(10), reader.GetString(11), Text(reader, 12),
                    reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13),
                    Number(reader, 14), reader.IsDBNull(15) ? null : reader.GetBoolean(15), Number(reader, 16),
                    Text(reader, 17), Text(reader, 18), Text(reader, 19), Number(reader, 20), Text(reader, 21),
                    reader.GetInt16(22) == 0,
                    Text(reader, 23), Text(reader, 24), Text(reader, 25), !reader.IsDBNull(26) && reader.GetBoolean(26)));
            }
        }

        var more = items.Count > query.Limit;
        if (more)
        {
            items.RemoveAt(items.Count - 1);
        }

        telemetry.Queries.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("kind", "worklist"));
        return (items, more);
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static double? Number(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    private static string Parameter(NpgsqlCommand command, object value)
    {
        var name = "p" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
        command.Parameters.AddWithValue(name, value);
        return "@" + name;
    }
}
