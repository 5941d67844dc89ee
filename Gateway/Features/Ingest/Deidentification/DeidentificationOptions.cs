namespace HeadCt.Gateway.Features.Ingest.Deidentification;

/// <summary><c>Upload:Deidentify</c>: apply the PS3.15 Basic Profile to every file before it is stored (off by default).</summary>
public sealed class DeidentificationOptions
{
    public const string Section = "Upload";

    public bool Deidentify { get; set; }
}
