using HeadCt.Dicom;

namespace HeadCt.Imaging.Selection;

/// <summary>
/// The attributes of an instance that say whether a model applies to it, beyond its pixels: how it is described
/// (study, series, protocol, body part), whether a contrast agent is recorded (Contrast/Bolus Module, PS3.3 C.7.6.4),
/// and the patient's age (PS3.3 C.7.1.3) or birth and study dates to derive it from. Kept in memory only; never logged.
/// </summary>
public sealed record AcquisitionAttributes
{
    public static AcquisitionAttributes None { get; } = new();

    private static readonly DicomTag ContrastBolusAgentSequence = new(0x0018, 0x0012);
    private static readonly DicomTag ContrastBolusRouteTag = new(0x0018, 0x1040);
    private static readonly DicomTag ProtocolNameTag = new(0x0018, 0x1030);

    public string? StudyDescription { get; init; }
    public string? SeriesDescription { get; init; }
    public string? ProtocolName { get; init; }
    public string? BodyPartExamined { get; init; }

    /// <summary>Contrast/Bolus Agent (0018,0010), as recorded.</summary>
    public string? ContrastBolusAgent { get; init; }

    /// <summary>Contrast/Bolus Agent Sequence (0018,0012) has at least one item.</summary>
    public bool HasContrastAgentSequence { get; init; }

    /// <summary>Contrast/Bolus Route (0018,1040), as recorded.</summary>
    public string? ContrastBolusRoute { get; init; }

    /// <summary>Patient's Age (0010,1010), an Age String such as <c>029Y</c> (PS3.5 6.2).</summary>
    public string? PatientAge { get; init; }

    public string? PatientBirthDate { get; init; }
    public string? StudyDate { get; init; }
    public string? AcquisitionDate { get; init; }

    public static AcquisitionAttributes From(DicomDataset ds) => new()
    {
        StudyDescription = ds.GetString(DicomTags.StudyDescription),
        SeriesDescription = ds.GetString(DicomTags.SeriesDescription),
        ProtocolName = ds.GetString(ProtocolNameTag),
        BodyPartExamined = ds.GetString(DicomTags.BodyPartExamined),
        ContrastBolusAgent = ds.GetString(DicomTags.ContrastBolusAgent),
        HasContrastAgentSequence = ds.GetSequence(ContrastBolusAgentSequence).Count > 0,
        ContrastBolusRoute = ds.GetString(ContrastBolusRouteTag),
        PatientAge = ds.GetString(DicomTags.PatientAge),
        PatientBirthDate = ds.GetString(DicomTags.PatientBirthDate),
        StudyDate = ds.GetString(DicomTags.StudyDate),
        AcquisitionDate = ds.GetString(DicomTags.AcquisitionDate),
    };
}
