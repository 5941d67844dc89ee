using HeadCt.Inference.Phantoms;
using Xunit.Abstractions;

namespace HeadCt.Inference.Tests;

/// <summary>
/// The committed demonstrator on phantoms generated here by the C# generator (seeds spread by
/// <see cref="TestPhantoms.Seed"/>, outside the training and held-out export streams), every lesion kind. Each case is
/// asserted for conspicuous (58–90 HU, full size) intraparenchymal, subdural and epidural lesions, which the held-out
/// set finds at 0.97–1.00 and points at 0.83–1.00. The hard ones — subarachnoid-like blood (held out: 0.88 found, 0.54
/// pointed at) and every subtle lesion (50–62 HU, 0.6 × the size; held out: 0.30 found, 0.38 pointed at, from 1.00
/// for intraparenchymal to 0.00 for subdural) — are measured as rates against floors below those figures
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

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(202)]
    [InlineData(203)]
    [InlineData(204)]
    [InlineData(205)]
    [InlineData(206)]
    [InlineData(207)]
    public void GivenAHeadWithoutLesion_WhenPredicted_ThenItScoresBelowTheThreshold(int seed)
    {
        var phantom = HeadPhantomGenerator.Generate(HeadPhantomSpec.Random(TestPhantoms.Seed(seed), null));
        var prediction = fixture.Predictor.Predict(phantom.Volume);
        output.WriteLine($"p = {prediction.Probability:F3}");
        Assert.False(prediction.Positive, $"p = {prediction.Probability:F3} at or above the threshold {prediction.DecisionThreshold}");
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
