namespace HeadCt.Gateway.Features.Ingest;

/// <summary>How a study arrived; recorded in its study record and the index (<c>source</c>).</summary>
public static class IngestSources
{
    /// <summary><c>POST /upload</c>: multipart/form-data of DICOM files and zip archives.</summary>
    public const string Upload = "upload";

    /// <summary>DICOM C-STORE over an association (PS3.7 §9.1.1).</summary>
    public const string Dimse = "dimse";

    /// <summary>DICOMweb STOW-RS, multipart/related (PS3.18 §10.5).</summary>
    public const string Stow = "stow-rs";
}
