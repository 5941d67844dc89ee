using System.Text.Json.Serialization;

namespace HeadCt.Inference.Models;

/// <summary>
/// The studies a model was made for, checked before its output is presented (issue 15): modality, a whole head,
/// slice thickness, contrast and age. A range left null is not checked, and the result says so.
/// </summary>
public sealed record ApplicabilitySpec
{
    /// <summary>What a manifest without an <c>applicability</c> block gets: a CT of a whole adult head without contrast, any slice thickness.</summary>
    public static ApplicabilitySpec Default { get; } = new();

    public IReadOnlyList<string> Modalities { get; init; } = ["CT"];

    public HeadSpec Head { get; init; } = new();

    public RangeSpec? SliceThicknessMm { get; init; }

    public ContrastRule Contrast { get; init; } = ContrastRule.None;

    public RangeSpec? AgeYears { get; init; } = new(18, null);
}

/// <summary>
/// The intracranial cavity the model expects: its volume in mL, and how much of it a face of the volume may cut
/// (area on the face over the cavity's largest section parallel to it; 0.25 is about 7 mm of brain missing at the vertex).
/// </summary>
public sealed record HeadSpec
{
    public RangeSpec VolumeMl { get; init; } = new(900, 2100);

    public double MaxCutFraction { get; init; } = 0.25;
}

/// <summary>An inclusive range; either end may be open (null).</summary>
public sealed record RangeSpec(double? Min, double? Max)
{
    public bool Contains(double value) => (Min is not { } min || value >= min) && (Max is not { } max || value <= max);
}

[JsonConverter(typeof(JsonStringEnumConverter<ContrastRule>))]
public enum ContrastRule
{
    /// <summary>Plain CT only: a study labelled as contrast-enhanced is refused.</summary>
    [JsonStringEnumMemberName("none")]
    None,

    [JsonStringEnumMemberName("any")]
    Any,
}
