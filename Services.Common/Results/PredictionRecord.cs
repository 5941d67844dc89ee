using HeadCt.Inference.Models;

namespace HeadCt.Processor.Inference;

/// <summary>
/// The model part of a result document: which model (name, version, SHA-256 of the ONNX file, intended use), what
/// it said, the decision against its own threshold, and where it looked.
/// </summary>
public sealed record PredictionRecord(
    ModelRecord Model,
    double Probability,
    double Logit,
    double DecisionThreshold,
    bool Positive,
    AttentionRecord? Attention,
    PredictionTimings Timings);

public sealed record ModelRecord(string Name, string Version, string Sha256, string IntendedUse)
{
    public static ModelRecord From(LoadedModel model) =>
        new(model.Identity.Name, model.Identity.Version, model.Identity.Sha256, model.Manifest.IntendedUse);
}

/// <summary>
/// How attention was found (<c>cam</c> or <c>occlusion</c>), its peak, the viewer slices where it is strongest
/// (strongest first; indices as in <c>imaging.slices</c>) and where the maps are served.
/// </summary>
public sealed record AttentionRecord(string Method, PeakRecord? Peak, IReadOnlyList<int> KeySlices, string Link);

/// <summary>The strongest attention: viewer slice index, pixel (column, row) of that slice's PNG, LPS position in mm.</summary>
public sealed record PeakRecord(int Slice, int Column, int Row, double[] PatientMm, float Value);

public sealed record PredictionTimings(double PreprocessingMs, double InferenceMs, double AttentionMs);
