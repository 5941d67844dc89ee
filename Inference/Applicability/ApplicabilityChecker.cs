using System.Globalization;
using HeadCt.Imaging.Anatomy;
using HeadCt.Inference.Models;

namespace HeadCt.Inference.Applicability;

/// <summary>
/// The checks made before a model's output is presented, each against the model's manifest (<see cref="ApplicabilitySpec"/>):
/// modality; a head, i.e. an intracranial cavity of plausible volume that the field of view does not cut; slice
/// thickness; no contrast for a plain-CT model; age when it is known. The out-of-distribution check, which needs the
/// model's features, is <see cref="OutOfDistributionCheck"/>.
/// </summary>
public static class ApplicabilityChecker
{
    public static IReadOnlyList<ApplicabilityCheck> Check(ApplicabilitySpec spec, StudyFacts facts) =>
    [
        Modality(spec, facts),
        Head(spec.Head, facts.Cavity),
        SliceThickness(spec, facts),
        Contrast(spec, facts),
        Age(spec, facts),
    ];

    private static ApplicabilityCheck Modality(ApplicabilitySpec spec, StudyFacts facts)
    {
        var expected = string.Join(" or ", spec.Modalities);
        var passed = facts.Modality is { } modality && spec.Modalities.Contains(modality.Trim(), StringComparer.OrdinalIgnoreCase);
        return new ApplicabilityCheck(ApplicabilityCheck.Modality, passed, facts.Modality, expected,
            passed ? null : $"The model reads {expected}; this series is {facts.Modality ?? "of no recorded modality"}.");
    }

    private static ApplicabilityCheck Head(HeadSpec spec, IntracranialMask cavity)
    {
        var expected = $"an intracranial cavity of {Range(spec.VolumeMl, "mL")}, no face of the volume cutting more than {Percent(spec.MaxCutFraction)} of its largest section";
        if (cavity.IsEmpty)
            return new ApplicabilityCheck(ApplicabilityCheck.Head, false, "no intracranial cavity", expected,
                "No intracranial cavity was found (no soft tissue walled in by skull): this does not look like a head CT.");
        var volume = cavity.VolumeMl;
        var cut = cavity.Faces.Where(face => face.FractionOfLargestSection > spec.MaxCutFraction).OrderByDescending(face => face.FractionOfLargestSection).ToList();
        var value = $"intracranial cavity {Number(volume, 0)} mL"
            + (cut.Count > 0 ? "; cut by the field of view: " + string.Join(", ", cut.Select(face => $"{face.Side} {Percent(face.FractionOfLargestSection)}")) : "");
        if (!spec.VolumeMl.Contains(volume))
        {
            return new ApplicabilityCheck(ApplicabilityCheck.Head, false, value, expected,
                $"The intracranial cavity is {Number(volume, 0)} mL, outside the {Range(spec.VolumeMl, "mL")} of the heads the model was made for"
                + (cut.Count > 0 ? $", and the field of view cuts it ({Sides(cut)})." : " (a partial scan, another body part or a child's head)."));
        }
        return cut.Count == 0
            ? new ApplicabilityCheck(ApplicabilityCheck.Head, true, value, expected, null)
            : new ApplicabilityCheck(ApplicabilityCheck.Head, false, value, expected,
                $"The field of view cuts the head: {string.Join("; ", cut.Select(Describe))}.");
    }

    private static string Sides(IEnumerable<VolumeFace> faces) => string.Join(", ", faces.Select(face => face.Side));

    private static string Describe(VolumeFace face) => face.Side switch
    {
        "superior" => $"the top slice holds {Percent(face.FractionOfLargestSection)} of the cavity's widest section (the vertex is not covered)",
        "inferior" => $"the bottom slice holds {Percent(face.FractionOfLargestSection)} of the cavity's widest section (the skull base is not covered)",
        _ => $"the {face.Side} edge of the image cuts {Percent(face.FractionOfLargestSection)} of the cavity's largest section",
    };

    private static ApplicabilityCheck SliceThickness(ApplicabilitySpec spec, StudyFacts facts)
    {
        var (thickness, source) = facts.NominalSliceThicknessMm is { } nominal
            ? (nominal, "Slice Thickness (0018,0050)")
            : (facts.VolumeSliceSpacingMm, "slice spacing (no Slice Thickness recorded)");
        var value = $"{Number(thickness, 2)} mm, {source}";
        if (spec.SliceThicknessMm is not { } range)
            return new ApplicabilityCheck(ApplicabilityCheck.SliceThickness, true, value, "any (the manifest states no range)",
                "The manifest states no slice-thickness range for this model; not checked.");
        var expected = Range(range, "mm");
        return range.Contains(Math.Round(thickness, 3))
            ? new ApplicabilityCheck(ApplicabilityCheck.SliceThickness, true, value, expected, null)
            : new ApplicabilityCheck(ApplicabilityCheck.SliceThickness, false, value, expected,
                $"Slices are {Number(thickness, 2)} mm thick; the model was made for {expected}.");
    }

    private static ApplicabilityCheck Contrast(ApplicabilitySpec spec, StudyFacts facts)
    {
        var (contrast, evidence) = ContrastEvidence.Find(facts.Attributes);
        var value = contrast switch { true => "contrast", false => "no contrast", _ => "not recorded" } + $" ({evidence})";
        if (spec.Contrast == ContrastRule.Any)
            return new ApplicabilityCheck(ApplicabilityCheck.Contrast, true, value, "with or without contrast", null);
        return contrast == true
            ? new ApplicabilityCheck(ApplicabilityCheck.Contrast, false, value, "plain CT, no contrast agent",
                $"This is a contrast-enhanced study ({evidence}); the model is for plain CT, where enhancing vessels and dura are not blood.")
            : new ApplicabilityCheck(ApplicabilityCheck.Contrast, true, value, "plain CT, no contrast agent", null);
    }

    private static ApplicabilityCheck Age(ApplicabilitySpec spec, StudyFacts facts)
    {
        if (spec.AgeYears is not { } range)
            return new ApplicabilityCheck(ApplicabilityCheck.Age, true, null, "any (the manifest states no range)",
                "The manifest states no age range for this model; not checked.");
        var expected = Range(range, "years");
        if (PatientAge.Years(facts.Attributes) is not { } years)
            return new ApplicabilityCheck(ApplicabilityCheck.Age, true, null, expected,
                "Neither Patient's Age (0010,1010) nor Patient's Birth Date (0010,0030) with a study date is recorded; the age was not checked.");
        var value = PatientAge.Describe(years);
        return range.Contains(years)
            ? new ApplicabilityCheck(ApplicabilityCheck.Age, true, value, expected, null)
            : new ApplicabilityCheck(ApplicabilityCheck.Age, false, value, expected,
                $"The patient is {value} old; the model was made for {expected}.");
    }

    internal static string Number(double value, int decimals) => Math.Round(value, decimals).ToString(CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => $"{Math.Round(fraction * 100).ToString(CultureInfo.InvariantCulture)} %";

    private static string Range(RangeSpec range, string unit) => (range.Min, range.Max) switch
    {
        ({ } min, { } max) => $"{Number(min, 2)}–{Number(max, 2)} {unit}",
        ({ } min, null) => $"≥ {Number(min, 2)} {unit}",
        (null, { } max) => $"≤ {Number(max, 2)} {unit}",
        _ => "any",
    };
}
