using HeadCt.Inference.Models;

namespace HeadCt.Inference.Applicability;

/// <summary>How unlike the model's training data a study is, as a check: refused above the manifest's threshold.</summary>
public static class OutOfDistributionCheck
{
    public static ApplicabilityCheck From(OutOfDistributionSpec spec, double? score)
    {
        if (spec.Method == OodMethod.None || score is not { } value)
        {
            return new ApplicabilityCheck(ApplicabilityCheck.OutOfDistribution, true, null, "none known",
                $"No training statistics are known for this model ({spec.Reason ?? "none recorded"}); whether the study resembles its training data was not assessed.");
        }
        var threshold = spec.Threshold!.Value;
        var expected = $"≤ {ApplicabilityChecker.Number(threshold, 1)} (the {ApplicabilityChecker.Number(spec.Percentile ?? 0, 1)}th percentile over {spec.TrainingSamples} training studies)";
        var shown = ApplicabilityChecker.Number(value, value >= 100 ? 0 : 1);
        return value <= threshold
            ? new ApplicabilityCheck(ApplicabilityCheck.OutOfDistribution, true, $"score {shown}", expected, null)
            : new ApplicabilityCheck(ApplicabilityCheck.OutOfDistribution, false, $"score {shown}", expected,
                $"The installed model was trained on {spec.TrainedOn ?? "other data"}; this study is unlike its training data (score {shown} > {ApplicabilityChecker.Number(threshold, 1)}).");
    }
}
