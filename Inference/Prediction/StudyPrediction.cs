using HeadCt.Inference.Attention;
using HeadCt.Inference.Models;

namespace HeadCt.Inference.Prediction;

/// <summary>What the model says about one study, which model said it, and how unlike its training data the study is.</summary>
public sealed record StudyPrediction(
    ModelIdentity Model,
    double Probability,
    double Logit,
    double DecisionThreshold,
    AttentionMap? Attention,
    TimeSpan Preprocessing,
    TimeSpan Inference)
{
    public bool Positive => Probability >= DecisionThreshold;

    /// <summary>The out-of-distribution score (squared Mahalanobis distance of the pooled features); null when the manifest knows no training statistics.</summary>
    public double? OutOfDistributionScore { get; init; }
}
