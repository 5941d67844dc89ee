using System.ComponentModel.DataAnnotations;

namespace HeadCt.Processor.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";
    private const string ContainerName = "^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$";

    /// <summary>Written by the gateway: instances under <c>studies/{id}/instances/</c>.</summary>
    [Required, RegularExpression(ContainerName)]
    public string DicomContainer { get; set; } = "dicom";

    /// <summary>The durable result documents, <c>{id}/result.json</c>.</summary>
    [Required, RegularExpression(ContainerName)]
    public string ResultsContainer { get; set; } = "results";

    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string JobQueue { get; set; } = "jobs";

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
