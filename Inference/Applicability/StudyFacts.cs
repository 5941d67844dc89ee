using HeadCt.Imaging.Anatomy;
using HeadCt.Imaging.Selection;
using HeadCt.Imaging.Volume;

namespace HeadCt.Inference.Applicability;

/// <summary>What the applicability checks look at: the series' modality, slice thickness and attributes, and the intracranial cavity found in its volume.</summary>
public sealed record StudyFacts(
    string? Modality,
    double? NominalSliceThicknessMm,
    double VolumeSliceSpacingMm,
    IReadOnlyList<AcquisitionAttributes> Attributes,
    IntracranialMask Cavity)
{
    /// <summary>The facts of the series a volume was built from; Slice Thickness (0018,0050) is the largest any instance records.</summary>
    public static StudyFacts From(IReadOnlyList<InstanceFile> series, CtVolume volume, IntracranialMask cavity)
    {
        double? thickness = null;
        foreach (var instance in series)
        {
            if (instance.Header.SliceThickness is { } t and > 0)
                thickness = Math.Max(thickness ?? 0, t);
        }
        return new StudyFacts(series.Count > 0 ? series[0].Header.Modality : null, thickness, volume.Geometry.SpacingZ,
            [.. series.Select(instance => instance.Acquisition).Distinct()], cavity);
    }
}
