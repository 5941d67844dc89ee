namespace HeadCt.Gateway.Features.DicomWeb;

/// <summary>The <c>DicomWeb</c> section: which browser origins may call /dicom-web and /worklist (CORS).</summary>
public sealed class DicomWebOptions
{
    public const string Section = "DicomWeb";
    public const string CorsPolicy = "dicom-web";

    /// <summary>Origins of browser viewers (e.g. an OHIF deployment, "https://viewer.hospital.org"); empty: no cross-origin access.</summary>
    public string[] CorsOrigins { get; set; } = [];
}
