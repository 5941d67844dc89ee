using HeadCt.Dicom;

namespace HeadCt.Gateway.Features.Ingest.Deidentification;

public enum ProfileAction
{
    /// <summary>X: remove the attribute.</summary>
    Remove,

    /// <summary>Z: keep the attribute with a zero-length value.</summary>
    Empty,
}

/// <summary>
/// The PS3.15 Annex E Basic Application Level Confidentiality Profile (Table E.1-1) for the attributes a CT study
/// carries; where the table allows X/Z/D we remove. UIDs (action U) and private attributes (removed) are rules in
/// <see cref="StudyDeidentifier"/>, not rows here. Patient Name and ID get pseudonyms instead of Z, so a reviewer can
/// still tell studies apart.
/// </summary>
public static class BasicProfile
{
    public static readonly IReadOnlyDictionary<DicomTag, ProfileAction> Actions = new Dictionary<DicomTag, ProfileAction>
    {
        [T(0x0008, 0x0020)] = ProfileAction.Empty,  // Study Date
        [T(0x0008, 0x0030)] = ProfileAction.Empty,  // Study Time
        [T(0x0008, 0x0050)] = ProfileAction.Empty,  // Accession Number
        [T(0x0008, 0x0090)] = ProfileAction.Empty,  // Referring Physician's Name
        [T(0x0010, 0x0030)] = ProfileAction.Empty,  // Patient's Birth Date
        [T(0x0010, 0x0040)] = ProfileAction.Empty,  // Patient's Sex
        [T(0x0020, 0x0010)] = ProfileAction.Empty,  // Study ID
        [T(0x0008, 0x0021)] = ProfileAction.Remove, // Series Date
        [T(0x0008, 0x0022)] = ProfileAction.Remove, // Acquisition Date
        [T(0x0008, 0x0023)] = ProfileAction.Remove, // Content Date
        [T(0x0008, 0x002A)] = ProfileAction.Remove, // Acquisition DateTime
        [T(0x0008, 0x0031)] = ProfileAction.Remove, // Series Time
        [T(0x0008, 0x0032)] = ProfileAction.Remove, // Acquisition Time
        [T(0x0008, 0x0033)] = ProfileAction.Remove, // Content Time
        [T(0x0008, 0x0080)] = ProfileAction.Remove, // Institution Name
        [T(0x0008, 0x0081)] = ProfileAction.Remove, // Institution Address
        [T(0x0008, 0x0082)] = ProfileAction.Remove, // Institution Code Sequence
        [T(0x0008, 0x0092)] = ProfileAction.Remove, // Referring Physician's Address
        [T(0x0008, 0x0094)] = ProfileAction.Remove, // Referring Physician's Telephone Numbers
        [T(0x0008, 0x0096)] = ProfileAction.Remove, // Referring Physician Identification Sequence
        [T(0x0008, 0x1010)] = ProfileAction.Remove, // Station Name
        [T(0x0008, 0x1030)] = ProfileAction.Remove, // Study Description
        [T(0x0008, 0x103E)] = ProfileAction.Remove, // Series Description
        [T(0x0008, 0x1040)] = ProfileAction.Remove, // Institutional Department Name
        [T(0x0008, 0x1048)] = ProfileAction.Remove, // Physician(s) of Record
        [T(0x0008, 0x1050)] = ProfileAction.Remove, // Performing Physician's Name
        [T(0x0008, 0x1060)] = ProfileAction.Remove, // Name of Physician(s) Reading Study
        [T(0x0008, 0x1070)] = ProfileAction.Remove, // Operators' Name
        [T(0x0008, 0x1080)] = ProfileAction.Remove, // Admitting Diagnoses Description
        [T(0x0008, 0x1110)] = ProfileAction.Remove, // Referenced Study Sequence
        [T(0x0008, 0x1111)] = ProfileAction.Remove, // Referenced Performed Procedure Step Sequence
        [T(0x0008, 0x1120)] = ProfileAction.Remove, // Referenced Patient Sequence
        [T(0x0008, 0x2111)] = ProfileAction.Remove, // Derivation Description
        [T(0x0010, 0x0032)] = ProfileAction.Remove, // Patient's Birth Time
        [T(0x0010, 0x0050)] = ProfileAction.Remove, // Patient's Insurance Plan Code Sequence
        [T(0x0010, 0x1000)] = ProfileAction.Remove, // Other Patient IDs
        [T(0x0010, 0x1001)] = ProfileAction.Remove, // Other Patient Names
        [T(0x0010, 0x1002)] = ProfileAction.Remove, // Other Patient IDs Sequence
        [T(0x0010, 0x1005)] = ProfileAction.Remove, // Patient's Birth Name
        [T(0x0010, 0x1010)] = ProfileAction.Remove, // Patient's Age
        [T(0x0010, 0x1020)] = ProfileAction.Remove, // Patient's Size
        [T(0x0010, 0x1030)] = ProfileAction.Remove, // Patient's Weight
        [T(0x0010, 0x1040)] = ProfileAction.Remove, // Patient's Address
        [T(0x0010, 0x1060)] = ProfileAction.Remove, // Patient's Mother's Birth Name
        [T(0x0010, 0x1090)] = ProfileAction.Remove, // Medical Record Locator
        [T(0x0010, 0x2150)] = ProfileAction.Remove, // Country of Residence
        [T(0x0010, 0x2152)] = ProfileAction.Remove, // Region of Residence
        [T(0x0010, 0x2154)] = ProfileAction.Remove, // Patient's Telephone Numbers
        [T(0x0010, 0x2160)] = ProfileAction.Remove, // Ethnic Group
        [T(0x0010, 0x2180)] = ProfileAction.Remove, // Occupation
        [T(0x0010, 0x21B0)] = ProfileAction.Remove, // Additional Patient History
        [T(0x0010, 0x21F0)] = ProfileAction.Remove, // Patient's Religious Preference
        [T(0x0010, 0x4000)] = ProfileAction.Remove, // Patient Comments
        [T(0x0018, 0x1000)] = ProfileAction.Remove, // Device Serial Number
        [T(0x0018, 0x1030)] = ProfileAction.Remove, // Protocol Name
        [T(0x0020, 0x4000)] = ProfileAction.Remove, // Image Comments
        [T(0x0032, 0x1032)] = ProfileAction.Remove, // Requesting Physician
        [T(0x0032, 0x1060)] = ProfileAction.Remove, // Requested Procedure Description
        [T(0x0040, 0x0244)] = ProfileAction.Remove, // Performed Procedure Step Start Date
        [T(0x0040, 0x0245)] = ProfileAction.Remove, // Performed Procedure Step Start Time
        [T(0x0040, 0x0253)] = ProfileAction.Remove, // Performed Procedure Step ID
        [T(0x0040, 0x0254)] = ProfileAction.Remove, // Performed Procedure Step Description
        [T(0x0040, 0x0275)] = ProfileAction.Remove, // Request Attributes Sequence
        [T(0x0040, 0xA730)] = ProfileAction.Remove, // Content Sequence
    };

    private static DicomTag T(ushort group, ushort element) => new(group, element);
}
