using HeadCt.Dicom;

namespace HeadCt.Processor.DicomResults;

/// <summary>
/// What the result objects take from the analysed series: the patient and study attributes to copy (raw elements, with
/// the source's Specific Character Set), the study and frame of reference, and the analysed instances in slice order.
/// </summary>
public sealed record SourceStudy(
    DicomDataset Copied, string StudyInstanceUid, string SeriesInstanceUid, string? FrameOfReferenceUid, string Modality,
    IReadOnlyList<SourceInstance> Instances)
{
    /// <summary>Patient and General Study attributes (PS3.3 C.7.1.1, C.7.2.1, C.7.2.2) copied as they are.</summary>
    public static readonly DicomTag[] CopiedTags =
    [
        DicomTags.SpecificCharacterSet, DicomTags.StudyDate, DicomTags.StudyTime, DicomTags.AccessionNumber,
        DicomTags.ReferringPhysicianName, DicomTags.StudyDescription, DicomTags.PatientName, DicomTags.PatientId,
        DicomTags.IssuerOfPatientId, DicomTags.PatientBirthDate, DicomTags.PatientSex, DicomTags.PatientAge,
        DicomTags.PatientWeight, DicomTags.StudyInstanceUid, DicomTags.StudyId,
    ];

    /// <summary>Type 2 attributes that must be present, empty when the source lacks them.</summary>
    private static readonly (DicomTag Tag, DicomVr Vr)[] Required =
    [
        (DicomTags.StudyDate, DicomVr.DA), (DicomTags.StudyTime, DicomVr.TM), (DicomTags.AccessionNumber, DicomVr.SH),
        (DicomTags.ReferringPhysicianName, DicomVr.PN), (DicomTags.PatientName, DicomVr.PN), (DicomTags.PatientId, DicomVr.LO),
        (DicomTags.PatientBirthDate, DicomVr.DA), (DicomTags.PatientSex, DicomVr.CS), (DicomTags.StudyId, DicomVr.SH),
    ];

    /// <param name="first">The header of one analysed instance (all share the patient and study).</param>
    /// <param name="analysed">Every analysed instance, in the order of the volume's slices.</param>
    public static SourceStudy From(DicomDataset first, IReadOnlyList<SourceInstance> analysed)
    {
        var copied = new DicomDataset();
        foreach (var tag in CopiedTags)
        {
            if (first.Find(tag) is { } element && !element.IsSequence)
                copied.Set(element);
        }

        foreach (var (tag, vr) in Required)
        {
            if (!copied.Contains(tag))
                copied.SetBytes(tag, vr, ReadOnlyMemory<byte>.Empty);
        }

        var study = first.GetString(DicomTags.StudyInstanceUid)
            ?? throw new InvalidOperationException("The analysed series has no Study Instance UID.");
        var series = first.GetString(DicomTags.SeriesInstanceUid)
            ?? throw new InvalidOperationException("The analysed series has no Series Instance UID.");
        return new SourceStudy(copied, study, series, first.GetString(DicomTags.FrameOfReferenceUid),
            first.GetString(DicomTags.Modality) ?? "CT", analysed);
    }

    /// <summary>The analysed instance whose plane lies nearest a patient position, if any instance has a position.</summary>
    public SourceInstance? Nearest(double[] position, double[] normal)
    {
        SourceInstance? best = null;
        var bestDistance = double.MaxValue;
        var target = Dot(position, normal);
        foreach (var instance in Instances)
        {
            if (instance.Position is not { Length: 3 } at)
                continue;
            var distance = Math.Abs(Dot(at, normal) - target);
            if (distance < bestDistance)
                (best, bestDistance) = (instance, distance);
        }

        return best;
    }

    private static double Dot(double[] a, double[] b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/// <summary>One analysed instance: its SOP class and instance, and the position of its (first) frame in LPS mm.</summary>
public sealed record SourceInstance(string SopClassUid, string SopInstanceUid, double[]? Position);
