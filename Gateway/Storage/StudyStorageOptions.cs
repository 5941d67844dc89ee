using System.ComponentModel.DataAnnotations;
using HeadCt.ServiceDefaults.Storage;

namespace HeadCt.Gateway.Storage;

public sealed class StudyStorageOptions : StorageClientOptions
{
    public const string Section = "Storage";

    /// <summary>Blob container holding uploaded DICOM instances, study records and idempotency records.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string DicomContainer { get; set; } = "dicom";
}
