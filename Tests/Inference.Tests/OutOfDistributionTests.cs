using HeadCt.Inference.Applicability;
using HeadCt.Inference.Models;
using HeadCt.Inference.Phantoms;
using HeadCt.Inference.Prediction;
using Xunit.Abstractions;

namespace HeadCt.Inference.Tests;

/// <summary>
/// Issue 15 §3: the committed model's out-of-distribution score (squared Mahalanobis distance of its pooled feature
/// vector from the training set's, statistics in the manifest) keeps phantoms it was not trained on below the
/// manifest's threshold and scores the real head CTs of the corpus above every one of them. The threshold (99th
/// percentile of the training set) refuses the GE head (100.1); the Toshiba head (70.9) stays below it and is
/// answered, below the decision threshold with its peak in the cavity (AttentionInCavityTests, training/README.md).
/// </summary>
[Collection(CorpusCollection.Name)]
public sealed class OutOfDistributionTests(CorpusStudies corpus, PredictorFixture fixture, ITestOutputHelper output) : IClassFixture<PredictorFixture>
{
    [Fact]
    public void GivenHeldOutPhantomsAndTheRealCorpusHeads_WhenScored_ThenTheRealHeadsScoreAboveEveryPhantom()
    {
        var spec = fixture.Model.Manifest.OutOfDistribution;
        Assert.Equal(OodMethod.MahalanobisPooledFeatures, spec.Method);
        var threshold = spec.Threshold!.Value;
        var phantoms = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            LesionKind? kind = i % 2 == 0 ? null : (LesionKind)(i / 2 % 4);
            var phantom = HeadPhantomGenerator.Generate(HeadPhantomSpec.Random(TestPhantoms.Seed(700 + i), kind));
            phantoms.Add(fixture.Predictor.Predict(phantom.Volume).OutOfDistributionScore!.Value);
        }
        var reals = CorpusStudies.RealCtHeads.Select(series =>
            fixture.Predictor.Predict(StudyInput.From(corpus.Imaging(series), corpus.Cavity(series))).OutOfDistributionScore!.Value).ToList();
        output.WriteLine($"threshold {threshold:F1}; held-out phantoms {string.Join(", ", phantoms.Select(s => s.ToString("F1")))}; " +
            $"real heads {string.Join(", ", reals.Select(s => s.ToString("F1")))}");

        Assert.All(phantoms, score => Assert.True(score <= threshold, $"phantom scored {score:F1} > {threshold:F1}"));
        Assert.All(reals, score => Assert.True(score > phantoms.Max(), $"real head scored {score:F1} ≤ the highest phantom {phantoms.Max():F1}"));
        var ge = reals[CorpusStudies.RealCtHeads.ToList().IndexOf(CorpusStudies.GeHead)];
        Assert.True(ge > threshold, $"the GE head scored {ge:F1} ≤ {threshold:F1}");
    }

    [Fact]
    public void GivenAManifestWithoutTrainingStatistics_WhenChecked_ThenTheCheckPassesSayingNoneAreKnown()
    {
        var check = OutOfDistributionCheck.From(OutOfDistributionSpec.Unknown with { Reason = "the original checkpoint comes without statistics" }, null);

        Assert.True(check.Passed);
        Assert.Null(check.Value);
        Assert.Contains("No training statistics are known", check.Reason);
        Assert.Contains("original checkpoint", check.Reason);
    }

    [Fact]
    public void GivenAFeatureMap_WhenPooledAndScored_ThenTheScoreIsTheSquaredMahalanobisDistanceOfMeansThenMaxima()
    {
        // Two channels of four values: means (2, 5), maxima (3, 8).
        float[] features = [1, 2, 3, 2, /* channel 1 */ 2, 8, 5, 5];
        var spec = new OutOfDistributionSpec
        {
            Method = OodMethod.MahalanobisPooledFeatures, FeatureOutput = "features", Pooling = FeaturePooling.MeanThenMax,
            Mean = [1, 5, 4, 6], Precision = [4, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0.25], Threshold = 1, Percentile = 99, TrainingSamples = 10,
            TrainedOn = "synthetic head-CT phantoms",
        };

        var score = OutOfDistributionScorer.Score(spec, features, channels: 2);
        var check = OutOfDistributionCheck.From(spec, score);

        Assert.Equal([2.0, 5.0, 3.0, 8.0], OutOfDistributionScorer.Pool(features, 2, FeaturePooling.MeanThenMax));
        Assert.Equal(4 * 1 * 1 + 0 + 1 * 1 + 0.25 * 2 * 2, score, 12);
        Assert.False(check.Passed);
        Assert.Contains("trained on synthetic head-CT phantoms", check.Reason);
    }
}
