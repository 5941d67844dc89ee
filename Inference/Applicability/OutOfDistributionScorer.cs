using HeadCt.Inference.Models;

namespace HeadCt.Inference.Applicability;

/// <summary>
/// The squared Mahalanobis distance of a study's pooled feature vector from the training set's:
/// d² = (f − μ)ᵀ P (f − μ), with μ and the precision P from the manifest. The features are the model's feature-map
/// output (C × D × H × W); pooled per channel as the manifest says (means, then maxima for <see cref="FeaturePooling.MeanThenMax"/>).
/// </summary>
public static class OutOfDistributionScorer
{
    public static double Score(OutOfDistributionSpec spec, ReadOnlySpan<float> features, int channels)
    {
        var pooled = Pool(features, channels, spec.Pooling);
        var mean = spec.Mean!;
        var precision = spec.Precision!;
        var n = mean.Count;
        if (pooled.Length != n)
            throw new InvalidOperationException($"The pooled feature vector has {pooled.Length} values; the manifest's statistics have {n}.");
        var centred = new double[n];
        for (var i = 0; i < n; i++)
            centred[i] = pooled[i] - mean[i];
        var score = 0.0;
        for (var i = 0; i < n; i++)
        {
            var row = 0.0;
            for (var j = 0; j < n; j++)
                row += precision[i * n + j] * centred[j];
            score += centred[i] * row;
        }
        return score;
    }

    public static double[] Pool(ReadOnlySpan<float> features, int channels, FeaturePooling pooling)
    {
        var length = features.Length / channels;
        var pooled = new double[pooling == FeaturePooling.MeanThenMax ? 2 * channels : channels];
        for (var c = 0; c < channels; c++)
        {
            var channel = features.Slice(c * length, length);
            var sum = 0.0;
            var max = float.NegativeInfinity;
            foreach (var v in channel)
            {
                sum += v;
                max = Math.Max(max, v);
            }
            pooled[c] = sum / length;
            if (pooling == FeaturePooling.MeanThenMax)
                pooled[channels + c] = max;
        }
        return pooled;
    }
}
