using System.ComponentModel.DataAnnotations;

namespace HeadCt.Gateway.Storage;

public sealed class StudyStorageOptions
{
    public const string Section = "Storage";

    /// <summary>Blob container holding uploaded DICOM instances, study records and idempotency records.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string DicomContainer { get; set; } = "dicom";

    /// <summary>
    /// How long one storage request may take. Kept short: behind a proxy an unreachable emulator accepts the
    /// connection and never answers, and the SDK's 100 s default would hold an upload open that long per try.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Retries of a failed storage request (exponential back-off) before it counts as unavailable; at least one, so
    /// the SDK reports every failure in one shape (an AggregateException of the tries).
    /// </summary>
    [Range(1, 10)]
    public int MaxRetries { get; set; } = 3;
}
