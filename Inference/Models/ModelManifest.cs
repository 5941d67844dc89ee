using System.Text.Json.Serialization;

namespace HeadCt.Inference.Models;

/// <summary>The JSON file beside an ONNX model that says how to feed it and how to read it (issue 5 §1).</summary>
public sealed record ModelManifest
{
    public required string Name { get; init; }
    public required string Version { get; init; }

    /// <summary>Lower-case hex SHA-256 of the ONNX file's bytes.</summary>
    public required string Sha256 { get; init; }

    public required string OnnxFile { get; init; }
    public required ModelInput Input { get; init; }
    public required ModelOutput Output { get; init; }
    public required AttentionSource Attention { get; init; }
    public required string IntendedUse { get; init; }

    /// <summary>The studies the model was made for; left out, <see cref="ApplicabilitySpec.Default"/>.</summary>
    public ApplicabilitySpec Applicability { get; init; } = ApplicabilitySpec.Default;

    /// <summary>Training statistics for the out-of-distribution score; left out, none are known.</summary>
    public OutOfDistributionSpec OutOfDistribution { get; init; } = OutOfDistributionSpec.Unknown;
}

/// <summary>The input tensor, always laid out N, C, D, H, W with N = 1.</summary>
public sealed record ModelInput
{
    public required string Name { get; init; }
    public string Layout { get; init; } = "NCDHW";
    public required int Height { get; init; }
    public required int Width { get; init; }

    public required DepthPolicy DepthPolicy { get; init; }

    /// <summary>Slices after resampling when <see cref="DepthPolicy"/> is <see cref="DepthPolicy.FixedCount"/>.</summary>
    public int? Depth { get; init; }

    /// <summary>Slice spacing the volume is resampled to when <see cref="DepthPolicy"/> is <see cref="DepthPolicy.Native"/>; null keeps the volume's.</summary>
    public double? TargetSliceSpacingMm { get; init; }

    public required IReadOnlyList<ChannelWindow> Channels { get; init; }
    public required Normalisation Normalisation { get; init; }

    /// <summary>Which values the HU windows select: Hounsfield units (default) or the raw stored pixel values.</summary>
    public WindowOn WindowOn { get; init; } = WindowOn.Hu;

    /// <summary>How the slices are brought to <see cref="Height"/> × <see cref="Width"/> (and the depth, when it changes).</summary>
    public ResizeMode Resize { get; init; } = ResizeMode.Linear;

    /// <summary>How the slices are stacked before preprocessing.</summary>
    public SliceOrder SortBy { get; init; } = SliceOrder.Normal;

    /// <summary>The precision the model input is rounded to.</summary>
    public InputPrecision InputPrecision { get; init; } = InputPrecision.Float32;

    /// <summary>True when the preprocessing needs the slices as acquired rather than the Imaging volume.</summary>
    [JsonIgnore]
    public bool NeedsAcquiredSlices => WindowOn == WindowOn.Stored || SortBy == SliceOrder.Z;
}

[JsonConverter(typeof(JsonStringEnumConverter<WindowOn>))]
public enum WindowOn
{
    /// <summary>Hounsfield units: stored × Rescale Slope + Rescale Intercept (PS3.3 C.11.1.1.2).</summary>
    [JsonStringEnumMemberName("hu")]
    Hu,

    /// <summary>The stored pixel values, no Modality LUT (as a model trained on <c>pixel_array</c> saw them).</summary>
    [JsonStringEnumMemberName("stored")]
    Stored,
}

[JsonConverter(typeof(JsonStringEnumConverter<ResizeMode>))]
public enum ResizeMode
{
    /// <summary>Linear, sample centres at (i + ½)·step, edge-clamped (PyTorch <c>align_corners=False</c>, OpenCV <c>INTER_LINEAR</c>).</summary>
    [JsonStringEnumMemberName("linear")]
    Linear,

    /// <summary>Nearest neighbour with source index ⌊i · source / target⌋ (OpenCV <c>INTER_NEAREST</c>, not centre-aligned).</summary>
    [JsonStringEnumMemberName("nearest-floor")]
    NearestFloor,
}

[JsonConverter(typeof(JsonStringEnumConverter<SliceOrder>))]
public enum SliceOrder
{
    /// <summary>The Imaging volume: ordered along the slice normal, duplicates dropped, irregular spacing and gantry tilt resampled.</summary>
    [JsonStringEnumMemberName("normal")]
    Normal,

    /// <summary>Every frame as stored, ordered by Image Position (Patient) z alone; nothing resampled.</summary>
    [JsonStringEnumMemberName("z")]
    Z,
}

[JsonConverter(typeof(JsonStringEnumConverter<InputPrecision>))]
public enum InputPrecision
{
    [JsonStringEnumMemberName("float32")]
    Float32,

    /// <summary>Values rounded to IEEE half precision (as a model fed <c>tensor.half()</c>), passed as float32.</summary>
    [JsonStringEnumMemberName("float16")]
    Float16,
}

[JsonConverter(typeof(JsonStringEnumConverter<DepthPolicy>))]
public enum DepthPolicy
{
    FixedCount,
    Native,
}

/// <summary>One input channel: HU inside [<see cref="LowerHu"/>, <see cref="UpperHu"/>]; outside becomes 0 when <see cref="MaskOutside"/>, else is clamped.</summary>
public sealed record ChannelWindow(string Name, float LowerHu, float UpperHu, bool MaskOutside = true);

[JsonConverter(typeof(JsonStringEnumConverter<Normalisation>))]
public enum Normalisation
{
    /// <summary>Each channel's window maps linearly to [0, 1]; masked voxels stay 0.</summary>
    WindowToUnit,

    /// <summary>The windowed HU of all channels min–max scaled together to [0, 1] (the original project's rule).</summary>
    TensorMinMax,
}

public sealed record ModelOutput
{
    public required string Name { get; init; }
    public required OutputKind Kind { get; init; }

    /// <summary>Probability at or above which the study is flagged.</summary>
    public required double DecisionThreshold { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<OutputKind>))]
public enum OutputKind
{
    Logit,
    Probability,
}

/// <summary>
/// Where attention comes from: a feature-map output and the linear head's weights over its channels (CAM, exact for a
/// global-average-pool + linear head), or a <c>cam</c> output the graph computes itself.
/// </summary>
public sealed record AttentionSource
{
    public required AttentionKind Kind { get; init; }
    public string? FeatureMapOutput { get; init; }
    public IReadOnlyList<float>? ClassWeights { get; init; }
    public string? CamOutput { get; init; }

    /// <summary>Patch size and cost bound of occlusion sensitivity when <see cref="Kind"/> is <see cref="AttentionKind.None"/>; null takes the defaults.</summary>
    public OcclusionSettings? Occlusion { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<AttentionKind>))]
public enum AttentionKind
{
    FeatureMapWithClassWeights,
    CamOutput,

    /// <summary>No attention output: attention comes from occlusion sensitivity (model-agnostic, batched).</summary>
    None,
}
