using Npgsql;

namespace HeadCt.DicomWebBench;

/// <summary>
/// 100 000 generated DICOM studies written straight into the index's <c>studies</c> table (the table QIDO-RS study
/// searches read): 8 × 6 name stems with numbers, 40 000 patients, ten years of dates, one in five MR.
/// </summary>
public static class GeneratedStudies
{
    public const string UidRoot = "2.25.4242";

    public static async Task InsertAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand(
            $$"""
            INSERT INTO studies (study_instance_uid, study_date, study_time, accession_number, referring_physician_name,
                study_description, study_id_dicom, patient_name, patient_id, patient_birth_date, patient_sex,
                specific_character_set, modalities, series_count, instance_count, latest_received_at,
                representative_study_id, representative_blob_number)
            SELECT '{{UidRoot}}.' || g, to_char(date '2015-01-01' + (g % 3650), 'YYYYMMDD'),
                lpad(((g * 7919) % 24)::text, 2, '0') || '0000.000000', 'ACC' || g, 'REFERRER^DOCTOR', 'CT HEAD WO', 'S' || g,
                (array['SMITH','JONES','GARCIA','MULLER','NGUYEN','KIM','ROSSI','DUBOIS'])[1 + g % 8] || '^' ||
                (array['ANNA','JOHN','MARIA','LI','OMAR','ELENA'])[1 + (g / 8) % 6] || (g % 1000),
                'PID' || (g % 40000), '19600101', CASE WHEN g % 2 = 0 THEN 'F' ELSE 'M' END, 'ISO_IR 192',
                CASE WHEN g % 5 = 0 THEN '{MR}'::text[] ELSE '{CT}'::text[] END, 1, 300,
                now() - make_interval(mins => g), 'bench', g
            FROM generate_series(1, $1) g;
            """, connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = count });
        insert.CommandTimeout = 600;
        await insert.ExecuteNonQueryAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE studies", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>One of five typical study searches, with parameters drawn from the generated ranges.</summary>
    public static (string Kind, string Query) RandomSearch(Random random)
    {
        var kind = random.Next(5);
        return kind switch
        {
            0 => ("PatientID exact", $"PatientID=PID{random.Next(40_000)}"),
            1 => ("PatientName prefix, any case", $"PatientName={new[] { "smith", "jones", "garcia", "kim" }[random.Next(4)]}%5E{new[] { "an", "jo", "ma", "el" }[random.Next(4)]}*&limit=25"),
            2 => ("StudyDate 7-day range + CT", $"StudyDate={Day(random, out var end)}-{end}&ModalitiesInStudy=CT&limit=25"),
            3 => ("AccessionNumber exact", $"AccessionNumber=ACC{random.Next(1, 100_000)}"),
            _ => ("newest 25, no filter", "limit=25"),
        };
    }

    private static string Day(Random random, out string end)
    {
        var start = new DateOnly(2015, 1, 1).AddDays(random.Next(3640));
        end = start.AddDays(6).ToString("yyyyMMdd");
        return start.ToString("yyyyMMdd");
    }
}
