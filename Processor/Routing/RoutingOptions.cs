namespace HeadCt.Processor.Routing;

/// <summary>
/// Where result objects go (configuration section <c>Routing</c>): each destination has a name, a kind
/// (<c>stow-rs</c> or <c>dimse</c>), its address and the modalities it takes (the rule:
/// for example <c>["SR", "OT"]</c> for the PACS, empty for everything). Failed sends are retried with doubling delay
/// from <see cref="RetryDelay"/>; after <see cref="MaxAttempts"/> the destination's state is <c>dead-letter</c> until
/// an admin retries it.
/// </summary>
public sealed class RoutingOptions
{
    public const string Section = "Routing";

    public List<DestinationOptions> Destinations { get; set; } = [];

    public int MaxAttempts { get; set; } = 5;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Our AE title when we associate with a <c>dimse</c> destination.</summary>
    public string CallingAeTitle { get; set; } = "HEADCT";
}

public sealed class DestinationOptions
{
    public string Name { get; set; } = "";

    /// <summary>
    /// <c>stow-rs</c> (a DICOMweb studies endpoint in <see cref="Url"/>, e.g. <c>http://pacs/dicom-web/studies</c>) or
    /// <c>dimse</c> (a C-STORE SCP at <see cref="AeTitle"/>, <see cref="Host"/>, <see cref="Port"/>).
    /// </summary>
    public string Kind { get; set; } = "stow-rs";

    public string Url { get; set; } = "";

    public string AeTitle { get; set; } = "";

    public string Host { get; set; } = "";

    public int Port { get; set; } = 104;

    /// <summary>Modalities of the objects this destination takes (SR, OT for key images, SEG); empty: all.</summary>
    public List<string> Modalities { get; set; } = [];

    public bool Takes(string modality) => Modalities.Count == 0 || Modalities.Contains(modality, StringComparer.OrdinalIgnoreCase);
}
