using HeadCt.Dicom;

namespace HeadCt.StudyIndex.Attributes;

/// <summary>
/// An attribute the index keeps in a column: its tag, VR, level, the column (per table) and how it matches.
/// <see cref="Default"/> attributes are returned by every query of their level (PS3.18 Tables 10.6.3-3 to -5).
/// </summary>
public sealed record IndexedAttribute(
    string Keyword,
    DicomTag Tag,
    DicomVr Vr,
    QidoLevel Level,
    string Column,
    MatchKind Match,
    bool Default = true)
{
    public string TagText => $"{Tag.Group:X4}{Tag.Element:X4}";
}
