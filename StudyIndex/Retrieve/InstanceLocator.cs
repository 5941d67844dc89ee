using System.Text;
using HeadCt.StudyIndex.Telemetry;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HeadCt.StudyIndex.Retrieve;

/// <summary>Finds the newest stored copy of each instance of a study, series or single instance (for WADO-RS).</summary>
public sealed class InstanceLocator(NpgsqlDataSource database, IOptions<IndexOptions> options)
{
    public async Task<IReadOnlyList<StoredInstance>> FindAsync(
        string studyInstanceUid, string? seriesInstanceUid, string? sopInstanceUid, bool withHeaders, CancellationToken cancellationToken)
    {
        using var activity = IndexTelemetry.ActivitySource.StartActivity("locate instances");
        var sql = new StringBuilder(
            "SELECT study_id, blob_number, study_instance_uid, series_instance_uid, sop_instance_uid, sop_class_uid, " +
            "transfer_syntax_uid, number_of_frames, has_pixel_data, ");
        sql.Append(withHeaders ? "header" : "NULL::bytea");
        sql.Append(" FROM (SELECT DISTINCT ON (sop_instance_uid) * FROM instances WHERE study_instance_uid = @study");
        await using var command = new NpgsqlCommand { CommandTimeout = options.Value.CommandTimeoutSeconds };
        command.Parameters.AddWithValue("study", studyInstanceUid);
        if (seriesInstanceUid is not null)
        {
            sql.Append(" AND series_instance_uid = @series");
            command.Parameters.AddWithValue("series", seriesInstanceUid);
        }

        if (sopInstanceUid is not null)
        {
            sql.Append(" AND sop_instance_uid = @sop");
            command.Parameters.AddWithValue("sop", sopInstanceUid);
        }

        sql.Append(" ORDER BY sop_instance_uid, received_at DESC, study_id DESC, blob_number) newest");
        sql.Append(" ORDER BY series_instance_uid, instance_number NULLS LAST, sop_instance_uid");
        command.CommandText = sql.ToString();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        command.Connection = connection;

        var found = new List<StoredInstance>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new StoredInstance(
                reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetInt32(7), reader.GetBoolean(8),
                reader.IsDBNull(9) ? null : (byte[])reader.GetValue(9)));
        }

        return found;
    }
}
