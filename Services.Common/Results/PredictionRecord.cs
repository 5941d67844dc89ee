namespace HeadCt.Services.Common.Results;

/// <summary>
/// The model part of a result document: which model (name, version, SHA-256 of the ONNX file, intended use), what it
/// said, the decision against its own threshold, where it looked, and how unlike its training data the study is. When
/// the model does not apply to the study (see <see cref="ApplicabilityRecord"/>) no finding is given: probability,
/// logit, decision and attention are null and the raw output is kept, for research and audit only, under
/// <see cref="WithheldOutput"/>. Shared by the processor (which writes it) and the gateway (whose OpenAPI document describes it).
/// </summary>
public sealed record PredictionRecord(
    ModelRecord Model,
    double? Probability,
    double? Logit,
    double DecisionThreshold,
    bool? Positive,
    AttentionRecord? Attention,
    PredictionTimings Timings)
{
    public OutOfDistributionRecord? OutOfDistribution { get; init; }

    public WithheldOutputRecord? WithheldOutput { get; init; }
}

public sealed record ModelRecord(string Name, string Version, string Sha256, string IntendedUse);

/// <summary>
/// How attention was found (<c>cam</c> or <c>occlusion</c>), its peak, the viewer slices where it is strongest
/// (strongest first; indices as in <c>imaging.slices</c>) and where the maps are served. Attention is kept inside the
/// intracranial cavity; a map that is zero there has no peak and no key slices.
/// </summary>
public sealed record AttentionRecord(string Method, PeakRecord? Peak, IReadOnlyList<int> KeySlices, string Link);

/// <summary>The strongest attention: viewer slice index, pixel (column, row) of that slice's PNG, LPS position in mm.</summary>
public sealed record PeakRecord(int Slice, int Column, int Row, double[] PatientMm, float Value);

public sealed record PredictionTimings(double PreprocessingMs, double InferenceMs, double AttentionMs);

/// <summary>
/// The out-of-distribution score: <c>method</c> <c>mahalanobis-pooled-features</c> (squared Mahalanobis distance of the
/// pooled feature vector from the training set's) with the threshold at <c>percentile</c> of the training scores, or
/// <c>none</c> when no training statistics are known (score null; <c>note</c> says so).
/// </summary>
public sealed record OutOfDistributionRecord(string Method, double? Score, double? Threshold, double? Percentile, string? Note);

/// <summary>What the model computed for a study it does not apply to. Not a finding: kept for research and audit only.</summary>
public sealed record WithheldOutputRecord(double Probability, double Logit, bool AboveThreshold, string Note);
