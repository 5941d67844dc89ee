namespace HeadCt.Gateway.Storage;

/// <summary>
/// Where a study lives in the DICOM container. The processor reads the same layout (instances only), so a change
/// here is a change to both services.
/// </summary>
public static class StudyBlobLayout
{
    public static string StudyPrefix(string studyId) => $"studies/{studyId}/";

    public static string InstancesPrefix(string studyId) => $"studies/{studyId}/instances/";

    public static string Instance(string studyId, int number) => $"studies/{studyId}/instances/{number:D6}.dcm";

    /// <summary>Written last: a study without it is an unfinished upload and is invisible.</summary>
    public static string Record(string studyId) => $"studies/{studyId}/study.json";

    public static string Idempotency(string keyHash) => $"idempotency/{keyHash}.json";

    public const string PendingPrefix = "pending/";

    /// <summary>
    /// Written before a study's first instance and removed once its record is written (or it was cleaned up): a marker
    /// older than the sweeper's grace period names a study that never finished, whose blobs are to be removed.
    /// </summary>
    public static string Pending(string studyId) => $"{PendingPrefix}{studyId}";
}
