namespace HeadCt.Dicom;

/// <summary>
/// Who wrote a file or speaks on an association: the Implementation Class UID and Version Name of PS3.7 §D.3.3.2,
/// also written to the File Meta Information (PS3.10 §7.1).
/// </summary>
public static class DicomImplementation
{
    /// <summary>A UUID-derived UID (PS3.5 §B.2).</summary>
    public const string ClassUid = "2.25.85651049420935768279377999141435081347";

    public const string VersionName = "HEADCT_DICOM_1";
}
