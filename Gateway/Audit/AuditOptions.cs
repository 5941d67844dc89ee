using System.ComponentModel.DataAnnotations;

namespace HeadCt.Gateway.Audit;

/// <summary><c>Audit</c>: where the trail lives and how much of it one query may read.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>A container of its own, so its access (and an Azure immutability policy) can differ from the DICOM data's.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$")]
    public string Container { get; set; } = "audit";

    [Range(typeof(TimeSpan), "01:00:00", "366.00:00:00")]
    public TimeSpan MaxQueryRange { get; set; } = TimeSpan.FromDays(31);
}
