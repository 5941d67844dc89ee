using HeadCt.Imaging.Volume;
using HeadCt.Inference.Attention;
using HeadCt.Inference.Phantoms;
using HeadCt.Inference.Prediction;
using Xunit.Abstractions;

namespace HeadCt.Inference.Tests;

/// <summary>Occlusion sensitivity on models built with PyTorch here whose output depends on one known region.</summary>
public sealed class OcclusionTests(OcclusionRegionModels models, ITestOutputHelper output) : IClassFixture<OcclusionRegionModels>
{
    private static readonly CtVolume Head = HeadPhantomGenerator.Generate(HeadPhantomSpec.Random(11, null) with { HeadCentre = default }).Volume;

    [CompatibilityTorchFact]
    public void GivenAModelDrivenByOneRegion_WhenOccluded_ThenThePeakAndTheStrongestSliceLieInThatRegion()
    {
        var prediction = new VolumePredictor(models.DynamicBatch).Predict(Head);
        var attention = prediction.Attention;
        Assert.NotNull(attention);
        Assert.Equal(AttentionMethod.Occlusion, attention.Method);
        var report = attention.Occlusion!;
        output.WriteLine($"p = {prediction.Probability:F3}; {report.PatchCount} patches of {report.PatchDepth}×{report.PatchHeight}×{report.PatchWidth} " +
            $"in {report.Runs} runs of up to {report.BatchSize}: {report.Elapsed.TotalMilliseconds:F0} ms; peak {attention.Peak}");
        Assert.Equal(64, report.PatchCount);
        Assert.Equal(8, report.Runs);
        var peak = attention.Peak;
        Assert.NotNull(peak);
        var g = Head.Geometry;
        var region = OcclusionRegionModels.Region;
        Assert.InRange(ModelGridIndex(peak.Z, g.SizeZ, OcclusionRegionModels.Depth), region.Z0, region.Z1 - 1);
        Assert.InRange(ModelGridIndex(peak.Y, g.SizeY, OcclusionRegionModels.Height), region.Y0, region.Y1 - 1);
        Assert.InRange(ModelGridIndex(peak.X, g.SizeX, OcclusionRegionModels.Width), region.X0, region.X1 - 1);
        Assert.InRange(ModelGridIndex(attention.KeySlices[0], g.SizeZ, OcclusionRegionModels.Depth), region.Z0, region.Z1 - 1);
    }

    [CompatibilityTorchFact]
    public void GivenAFixedBatchOfOne_WhenOccluded_ThenEachPatchRunsAloneAndTheMapEqualsTheBatchedOne()
    {
        var batched = new VolumePredictor(models.DynamicBatch).Predict(Head).Attention!;
        var single = new VolumePredictor(models.SingleBatch).Predict(Head).Attention!;
        output.WriteLine($"batched: {batched.Occlusion!.Runs} runs, {batched.Occlusion.Elapsed.TotalMilliseconds:F0} ms; " +
            $"one by one: {single.Occlusion!.Runs} runs, {single.Occlusion.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(1, single.Occlusion.BatchSize);
        Assert.Equal(single.Occlusion.PatchCount, single.Occlusion.Runs);
        var maxDifference = 0f;
        for (var i = 0; i < batched.Values.Length; i++)
            maxDifference = Math.Max(maxDifference, Math.Abs(batched.Values[i] - single.Values[i]));
        Assert.True(maxDifference <= 1e-6f, $"batched and one-by-one maps differ by {maxDifference}");
        Assert.True(batched.Peak!.Value > 0.05f, $"peak drop {batched.Peak.Value}");
    }

    [CompatibilityTorchFact]
    public void GivenAPatchBudget_WhenOccluded_ThenNoMorePatchesRunThanItAllows()
    {
        var predictor = new VolumePredictor(models.DynamicBatch, OcclusionRegionModels.Patching with { MaxPatches = 10, BatchSize = 3 });
        var report = predictor.Predict(Head).Attention!.Occlusion!;
        output.WriteLine($"{report.PatchesZ}×{report.PatchesY}×{report.PatchesX} patches of {report.PatchDepth}×{report.PatchHeight}×{report.PatchWidth}, {report.Runs} runs");
        Assert.InRange(report.PatchCount, 1, 10);
        Assert.Equal((report.PatchCount + 2) / 3, report.Runs);
    }

    /// <summary>The model-grid cell holding a volume voxel: both grids cover the same extent (sample centres at (i + ½)·step).</summary>
    private static int ModelGridIndex(int voxel, int volumeSize, int gridSize) => (int)((voxel + 0.5) * gridSize / volumeSize);
}
