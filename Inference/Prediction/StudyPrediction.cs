using HeadCt.Inference.Attention;
using HeadCt.Inference.Models;

namespace HeadCt.Inference.Prediction;

/// <summary>What the model says about one study, and which model said it.</summary>
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
}
