using System.Diagnostics;
using HeadCt.StudyIndex.Telemetry;
using Npgsql;
using NpgsqlTypes;

namespace HeadCt.StudyIndex.Writing;

/// <summary>
/// Writes the index. Every write is idempotent and replaces what it describes (a study's instances, a study's
/// result), so the live path, the outbox reconciler and the rebuild can all apply the same change again safely.
/// The study and series tables are recomputed from the instances of the DICOM studies a write touched, under a
/// transaction-scoped advisory lock per Study Instance UID so concurrent writers never interleave a recomputation.
/// </summary>
public sealed class StudyIndexWriter(NpgsqlDataSource database, IndexTelemetry telemetry)
{
    private const string InstanceColumns =
        "study_id, blob_number, received_at, sop_instance_uid, sop_class_uid, instance_number, rows, columns, bits_allocated, " +
        "number_of_frames, transfer_syntax_uid, has_pixel_data, series_instance_uid, modality, series_number, series_description, " +
        "performed_procedure_step_start_date, performed_procedure_step_start_time, study_instance_uid, study_date, study_time, " +
        "accession_number, referring_physician_name, study_description, study_id_dicom, patient_name, patient_id, " +
        "patient_birth_date, patient_sex, specific_character_set, header";

    public async Task IndexStudyAsync(StudyArrival arrival, CancellationToken cancellationToken)
    {
        using var activity = IndexTelemetry.ActivitySource.StartActivity("index study");
        activity?.SetTag("headct.study_id", arrival.StudyId);
        var started = Stopwatch.GetTimestamp();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var touched = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var instance in arrival.Instances)
        {
            touched.Add(instance.StudyInstanceUid);
        }

        touched.UnionWith(await StudyUidsOfAsync(connection, arrival.StudyId, cancellationToken));
        await LockAsync(connection, touched, cancellationToken);
        await ExecuteAsync(connection, "DELETE FROM instances WHERE study_id = $1", cancellationToken, arrival.StudyId);
        await CopyInstancesAsync(connection, arrival, cancellationToken);
        await UpsertWorklistAsync(connection, arrival, cancellationToken);
        await AggregateRecomputation.RunAsync(connection, touched, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        telemetry.Writes.Add(1, new KeyValuePair<string, object?>("kind", "study"));
        telemetry.WriteDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("kind", "study"));
    }

    /// <summary>Applies a result document to its worklist row; false when the study is not indexed (yet).</summary>
    public async Task<bool> ApplyResultAsync(string studyId, ResultSummary result, CancellationToken cancellationToken)
    {
        using var activity = IndexTelemetry.ActivitySource.StartActivity("index result");
        activity?.SetTag("headct.study_id", studyId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            UPDATE worklist SET status = $2, failure_reason = $3, completed_at = $4, probability = $5, positive = $6,
                decision_threshold = $7, model_name = $8, model_version = $9, applicability = $10, ood_score = $11,
                review_decision = $12
            WHERE study_id = $1
            """, connection);
        Add(command, studyId, result.Status, result.FailureReason, result.CompletedAt, result.Probability, result.Positive,
            result.DecisionThreshold, result.ModelName, result.ModelVersion, result.Applicability, result.OodScore, result.ReviewDecision);
        var updated = await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        telemetry.Writes.Add(1, new KeyValuePair<string, object?>("kind", "result"));
        return updated;
    }

    /// <summary>Back to the state of a study without a result document (its result was deleted).</summary>
    public Task<bool> ClearResultAsync(string studyId, CancellationToken cancellationToken) =>
        ApplyResultAsync(studyId, new ResultSummary(QueuedStatus, null, null, null, null, null, null, null, null, null, null), cancellationToken);

    public async Task RemoveStudyAsync(string studyId, CancellationToken cancellationToken)
    {
        using var activity = IndexTelemetry.ActivitySource.StartActivity("unindex study");
        activity?.SetTag("headct.study_id", studyId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var touched = new SortedSet<string>(await StudyUidsOfAsync(connection, studyId, cancellationToken), StringComparer.Ordinal);
        await LockAsync(connection, touched, cancellationToken);
        await ExecuteAsync(connection, "DELETE FROM instances WHERE study_id = $1", cancellationToken, studyId);
        await ExecuteAsync(connection, "DELETE FROM worklist WHERE study_id = $1", cancellationToken, studyId);
        await AggregateRecomputation.RunAsync(connection, touched, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        telemetry.Writes.Add(1, new KeyValuePair<string, object?>("kind", "removal"));
    }

    /// <summary>Empties every table (before a rebuild).</summary>
    public async Task TruncateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, "TRUNCATE instances, series, studies, worklist", cancellationToken);
    }

    /// <summary>The status of a study that is stored and waiting for the processor's first word.</summary>
    public const string QueuedStatus = "queued";

    private static async Task<IReadOnlyList<string>> StudyUidsOfAsync(NpgsqlConnection connection, string studyId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT DISTINCT study_instance_uid FROM instances WHERE study_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = studyId });
        var uids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            uids.Add(reader.GetString(0));
        }

        return uids;
    }

    /// <summary>In UID order, so two writers touching the same studies take the locks in the same order.</summary>
    private static async Task LockAsync(NpgsqlConnection connection, IEnumerable<string> studyUids, CancellationToken cancellationToken)
    {
        foreach (var uid in studyUids)
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtextextended($1, 18))", cancellationToken, uid);
        }
    }

    private static async Task CopyInstancesAsync(NpgsqlConnection connection, StudyArrival arrival, CancellationToken cancellationToken)
    {
        await using var import = await connection.BeginBinaryImportAsync($"COPY instances ({InstanceColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var i in arrival.Instances)
        {
            await import.StartRowAsync(cancellationToken);
            await import.WriteAsync(arrival.StudyId, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(i.BlobNumber, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(arrival.ReceivedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await import.WriteAsync(i.SopInstanceUid, NpgsqlDbType.Text, cancellationToken);
            await WriteAsync(import, i.SopClassUid, cancellationToken);
            await WriteAsync(import, i.InstanceNumber, cancellationToken);
            await WriteAsync(import, i.Rows, cancellationToken);
            await WriteAsync(import, i.Columns, cancellationToken);
            await WriteAsync(import, i.BitsAllocated, cancellationToken);
            await WriteAsync(import, i.NumberOfFrames, cancellationToken);
            await import.WriteAsync(i.TransferSyntaxUid, NpgsqlDbType.Text, cancellationToken);
            await import.WriteAsync(i.HasPixelData, NpgsqlDbType.Boolean, cancellationToken);
            await import.WriteAsync(i.SeriesInstanceUid, NpgsqlDbType.Text, cancellationToken);
            await WriteAsync(import, i.Modality, cancellationToken);
            await WriteAsync(import, i.SeriesNumber, cancellationToken);
            await WriteAsync(import, i.SeriesDescription, cancellationToken);
            await WriteAsync(import, i.PerformedProcedureStepStartDate, cancellationToken);
            await WriteAsync(import, i.PerformedProcedureStepStartTime, cancellationToken);
            await import.WriteAsync(i.StudyInstanceUid, NpgsqlDbType.Text, cancellationToken);
            await WriteAsync(import, i.StudyDate, cancellationToken);
            await WriteAsync(import, i.StudyTime, cancellationToken);
            await WriteAsync(import, i.AccessionNumber, cancellationToken);
            await WriteAsync(import, i.ReferringPhysicianName, cancellationToken);
            await WriteAsync(import, i.StudyDescription, cancellationToken);
            await WriteAsync(import, i.StudyIdDicom, cancellationToken);
            await WriteAsync(import, i.PatientName, cancellationToken);
            await WriteAsync(import, i.PatientId, cancellationToken);
            await WriteAsync(import, i.PatientBirthDate, cancellationToken);
            await WriteAsync(import, i.PatientSex, cancellationToken);
            await WriteAsync(import, i.SpecificCharacterSet, cancellationToken);
            await import.WriteAsync(i.Header, NpgsqlDbType.Bytea, cancellationToken);
        }

        await import.CompleteAsync(cancellationToken);
    }

    /// <summary>The arrival's columns of the worklist row; the result's columns are left as they are.</summary>
    private static async Task UpsertWorklistAsync(NpgsqlConnection connection, StudyArrival arrival, CancellationToken cancellationToken)
    {
        var primary = arrival.Instances.Count == 0 ? null : arrival.Instances.MinBy(instance => instance.BlobNumber);
        var modalities = arrival.Instances.Select(instance => instance.Modality).OfType<string>()
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO worklist (study_id, received_at, source, file_count, study_instance_uid, patient_name, patient_id,
                study_date, study_description, accession_number, modalities, status)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (study_id) DO UPDATE SET received_at = excluded.received_at, source = excluded.source,
                file_count = excluded.file_count, study_instance_uid = excluded.study_instance_uid,
                patient_name = excluded.patient_name, patient_id = excluded.patient_id, study_date = excluded.study_date,
                study_description = excluded.study_description, accession_number = excluded.accession_number,
                modalities = excluded.modalities
            """, connection);
        Add(command, arrival.StudyId, arrival.ReceivedAt.ToUniversalTime(), arrival.Source, arrival.FileCount, primary?.StudyInstanceUid,
            primary?.PatientName, primary?.PatientId, primary?.StudyDate, primary?.StudyDescription, primary?.AccessionNumber,
            modalities, QueuedStatus);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object?[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        Add(command, values);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Add(NpgsqlCommand command, params object?[] values)
    {
        foreach (var value in values)
        {
            command.Parameters.Add(value switch
            {
                null => new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Unknown },
                DateTimeOffset time => new NpgsqlParameter { Value = time.ToUniversalTime() },
                _ => new NpgsqlParameter { Value = value },
            });
        }
    }

    private static Task WriteAsync(NpgsqlBinaryImporter import, string? value, CancellationToken cancellationToken) =>
        value is null ? import.WriteNullAsync(cancellationToken) : import.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private static Task WriteAsync(NpgsqlBinaryImporter import, int? value, CancellationToken cancellationToken) =>
        value is null ? import.WriteNullAsync(cancellationToken) : import.WriteAsync(value.Value, NpgsqlDbType.Integer, cancellationToken);
}
