using System.Text.Json.Serialization;

namespace HeadCt.Inference.Models;

/// <summary>
/// What the model saw in training, to tell how unlike it a study is: with <see cref="OodMethod.MahalanobisPooledFeatures"/>,
/// the mean and precision (inverse covariance, row-major) of the pooled feature vector over the training set and a
/// threshold on the squared Mahalanobis distance at <see cref="Percentile"/> of the training scores; with
/// <see cref="OodMethod.None"/> nothing is known (<see cref="Reason"/> says why) and the study is not assessed.
/// </summary>
public sealed record OutOfDistributionSpec
{
    public static OutOfDistributionSpec Unknown { get; } = new()
    {
        Method = OodMethod.None,
        Reason = "The manifest records no training statistics for this model.",
    };

    public required OodMethod Method { get; init; }

    /// <summary>The output holding the feature map, N × C × D × H × W.</summary>
    public string? FeatureOutput { get; init; }

    public FeaturePooling Pooling { get; init; } = FeaturePooling.MeanThenMax;

    public IReadOnlyList<double>? Mean { get; init; }

    public IReadOnlyList<double>? Precision { get; init; }

    public double? Threshold { get; init; }

    public double? Percentile { get; init; }

    public int? TrainingSamples { get; init; }

    /// <summary>What the training set was, in words (e.g. "synthetic head-CT phantoms").</summary>
    public string? TrainedOn { get; init; }

    public string? Reason { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<OodMethod>))]
public enum OodMethod
{
    None,
    MahalanobisPooledFeatures,
}

[JsonConverter(typeof(JsonStringEnumConverter<FeaturePooling>))]
public enum FeaturePooling
{
    /// <summary>Each channel's mean over the grid.</summary>
    Mean,

    /// <summary>Each channel's mean, then (after all means) each channel's maximum: 2 × C values.</summary>
    MeanThenMax,
}
