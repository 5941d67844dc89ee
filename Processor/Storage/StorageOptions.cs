using System.ComponentModel.DataAnnotations;
using HeadCt.ServiceDefaults.Storage;

namespace HeadCt.Processor.Storage;

public sealed class StorageOptions : StorageClientOptions
{
    public const string Section = "Storage";
    private const string ContainerName = "^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$";

    /// <summary>Written by the gateway: instances under <c>studies/{id}/instances/</c>.</summary>
    [Required, RegularExpression(ContainerName)]
    public string DicomContainer { get; set; } = "dicom";

    /// <summary>The durable result documents, <c>{id}/result.json</c>.</summary>
    [Required, RegularExpression(ContainerName)]
    public string ResultsContainer { get; set; } = "results";

    /// <summary>One blob per study being processed, leased by the replica processing it (<c>StudyClaims</c>).</summary>
    [Required, RegularExpression(ContainerName)]
    public string ClaimsContainer { get; set; } = "job-claims";

    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string JobQueue { get; set; } = "jobs";
}
