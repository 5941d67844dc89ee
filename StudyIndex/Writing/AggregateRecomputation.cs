using Npgsql;

namespace HeadCt.StudyIndex.Writing;

/// <summary>
/// Recomputes the <c>series</c> and <c>studies</c> rows of some DICOM studies from <c>instances</c>: counts over the
/// distinct SOP Instance UIDs (a re-sent instance counts once), attributes from the newest arrival (ties broken by
/// study id, then blob number), so the result does not depend on the order the arrivals were written in.
/// </summary>
internal static class AggregateRecomputation
{
    private const string Sql =
        """
        DELETE FROM series WHERE study_instance_uid = ANY(@uids);
        INSERT INTO series (study_instance_uid, series_instance_uid, modality, series_number, series_description,
            performed_procedure_step_start_date, performed_procedure_step_start_time, specific_character_set,
            instance_count, latest_received_at, representative_study_id, representative_blob_number)
        SELECT l.study_instance_uid, l.series_instance_uid, l.modality, l.series_number, l.series_description,
            l.performed_procedure_step_start_date, l.performed_procedure_step_start_time, l.specific_character_set,
            c.instance_count, c.latest, l.study_id, l.blob_number
        FROM (SELECT DISTINCT ON (study_instance_uid, series_instance_uid) * FROM instances
              WHERE study_instance_uid = ANY(@uids)
              ORDER BY study_instance_uid, series_instance_uid, received_at DESC, study_id DESC, blob_number) l
        JOIN (SELECT study_instance_uid, series_instance_uid, count(DISTINCT sop_instance_uid)::int AS instance_count,
                     max(received_at) AS latest
              FROM instances WHERE study_instance_uid = ANY(@uids) GROUP BY 1, 2) c
          USING (study_instance_uid, series_instance_uid);

        DELETE FROM studies WHERE study_instance_uid = ANY(@uids);
        INSERT INTO studies (study_instance_uid, study_date, study_time, accession_number, referring_physician_name,
            study_description, study_id_dicom, patient_name, patient_id, patient_birth_date, patient_sex,
            specific_character_set, modalities, series_count, instance_count, latest_received_at,
            representative_study_id, representative_blob_number)
        SELECT l.study_instance_uid, l.study_date, l.study_time, l.accession_number, l.referring_physician_name,
            l.study_description, l.study_id_dicom, l.patient_name, l.patient_id, l.patient_birth_date, l.patient_sex,
            l.specific_character_set, c.modalities, c.series_count, c.instance_count, c.latest, l.study_id, l.blob_number
        FROM (SELECT DISTINCT ON (study_instance_uid) * FROM instances
              WHERE study_instance_uid = ANY(@uids)
              ORDER BY study_instance_uid, received_at DESC, study_id DESC, blob_number) l
        JOIN (SELECT study_instance_uid,
                     coalesce(array_agg(DISTINCT modality ORDER BY modality) FILTER (WHERE modality IS NOT NULL), '{}') AS modalities,
                     count(DISTINCT series_instance_uid)::int AS series_count,
                     count(DISTINCT sop_instance_uid)::int AS instance_count, max(received_at) AS latest
              FROM instances WHERE study_instance_uid = ANY(@uids) GROUP BY 1) c
          USING (study_instance_uid);
        """;

    public static async Task RunAsync(NpgsqlConnection connection, IReadOnlyCollection<string> studyUids, CancellationToken cancellationToken)
    {
        if (studyUids.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("uids", studyUids.ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
