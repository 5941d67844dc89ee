using HeadCt.Inference.Phantoms;
using Xunit.Abstractions;

namespace HeadCt.Inference.Tests;

/// <summary>
/// The committed demonstrator on phantoms generated here by the C# generator (seeds spread by
/// <see cref="TestPhantoms.Seed"/>, outside the training and held-out export streams), every lesion kind. Each case is
/// asserted for conspicuous (58–90 HU, full size) intraparenchymal, subdural and epidural lesions, which the held-out
/// set finds at 0.90–1.00 and points at 0.90–1.00. The hard ones — subarachnoid-like blood (held out: 0.92 found, 0.60
/// pointed at) and every subtle lesion (50–62 HU, 0.6 × the size; held out: 0.33–0.62 found, 0.33–0.77 pointed at) —
/// are measured as rates against floors below those figures
/// (training/README.md), so the test states what the demonstrator misses and still fails when it regresses.
/// </summary>
public sealed class DemonstratorDetectionTests(PredictorFixture fixture, ITestOutputHelper output) : IClassFixture<PredictorFixture>
{
    public static TheoryData<int, LesionKind> ConspicuousCases()
    {
        var cases = new TheoryData<int, LesionKind>();
        foreach (var kind in (LesionKind[])[LesionKind.Intraparenchymal, LesionKind.Subdural, LesionKind.Epidural])
        {
            for (var i = 0; i < 3; i++)
                cases.Add(100 + 10 * (int)kind + i, kind);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(ConspicuousCases))]
    public void GivenAConspicuousLesion_WhenPredicted_ThenItScoresAboveTheThresholdAndTheAttentionPeakLiesInsideIt(int seed, LesionKind kind)
    {
        var phantom = HeadPhantomGenerator.Generate(HeadPhantomSpec.Random(TestPhantoms.Seed(seed), kind, subtle: false));
        var prediction = fixture.Predictor.Predict(phantom.Volume);
        var peak = prediction.Attention?.Peak;
        output.WriteLine($"{kind} {phantom.Spec.Lesion!.Hu:F0} HU, {phantom.LesionVoxelCount} voxels: p = {prediction.Probability:F3}, peak {peak}");

        Assert.True(prediction.Positive, $"p = {prediction.Probability:F3} below the threshold {prediction.DecisionThreshold}");
        Assert.NotNull(peak);
        Assert.True(TestPhantoms.InsideLesion(phantom, peak.X, peak.Y, peak.Z),
            $"peak ({peak.X}, {peak.Y}, {peak.Z}) outside the lesion mask");
    }

    /// <summary>
    /// Eight heads without a lesion. Held out, specificity is 0.994 on such heads (0.87 with every mimic of blood); here
    /// seed 207 scores p = 0.784, a false positive of the committed model that training/README.md reports, so at most
    /// one of the eight may be called positive.
    /// </summary>
    [Fact]
    public void GivenHeadsWithoutLesion_WhenPredicted_ThenAtMostOneOfEightScoresAboveTheThreshold()
    {
        var probabilities = Enumerable.Range(200, 8).Select(seed =>
            fixture.Predictor.Predict(HeadPhantomGenerator.Generate(HeadPhantomSpec.Random(TestPhantoms.Seed(seed), null)).Volume)).ToList();
        output.WriteLine($"p = {string.Join(", ", probabilities.Select(p => p.Probability.ToString("F3")))}");

        Assert.True(probabilities.Count(p => p.Positive) <= 1,
            $"{probabilities.Count(p => p.Positive)} of 8 heads without a lesion at or above the threshold {probabilities[0].DecisionThreshold}");
    }

    /// <summary>
    /// Floors for the hard cases: the held-out rates weighted to this mix (4 subarachnoid, 16 subtle) are 0.48 found and
    /// 0.48 pointed at (measured here: 10/20 and 8/20); the floors sit about two binomial standard errors lower.
    /// </summary>
    private const double HardSensitivityFloor = 0.3;
    private const double HardPointingFloor = 0.2;

    [Fact]
    public void GivenSubarachnoidAndSubtleLesions_WhenPredicted_ThenTheirDetectionAndPointingRatesStayAboveTheFloors()
    {
        var cases = new List<(LesionKind Kind, bool Subtle, int Seed)>();
        for (var i = 0; i < 4; i++)
            cases.Add((LesionKind.Subarachnoid, false, 130 + i));
        foreach (var kind in Enum.GetValues<LesionKind>())
        {
            for (var i = 0; i < 4; i++)
                cases.Add((kind, true, 300 + 10 * (int)kind + i));
        }
        var (found, pointed) = (0, 0);
        foreach (var (kind, subtle, seed) in cases)
        {
            var phantom = HeadPhantomGenerator.Generate(HeadPhantomSpec.Random(TestPhantoms.Seed(seed), kind, subtle));
            var prediction = fixture.Predictor.Predict(phantom.Volume);
            var peak = prediction.Attention?.Peak;
            var inside = peak is not null && TestPhantoms.InsideLesion(phantom, peak.X, peak.Y, peak.Z);
            output.WriteLine($"{kind}{(subtle ? " subtle" : "")} {phantom.Spec.Lesion!.Hu:F0} HU, {phantom.LesionVoxelCount} voxels: " +
                $"p = {prediction.Probability:F3}, peak inside: {inside}");
            found += prediction.Positive ? 1 : 0;
            pointed += inside ? 1 : 0;
        }
        output.WriteLine($"hard cases: {found}/{cases.Count} above the threshold, {pointed}/{cases.Count} peaks inside the lesion");
        Assert.True(found >= HardSensitivityFloor * cases.Count, $"{found}/{cases.Count} found");
        Assert.True(pointed >= HardPointingFloor * cases.Count, $"{pointed}/{cases.Count} pointed at");
    }
}
