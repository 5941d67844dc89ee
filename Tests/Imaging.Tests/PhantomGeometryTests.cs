using HeadCt.Imaging.Phantoms;
using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging.Tests;

/// <summary>Tilted, irregular, multi-frame and padded phantoms behave as documented in <see cref="TiltPolicy"/> and <see cref="VolumeBuilder"/>.</summary>
public sealed class PhantomGeometryTests
{
    private static readonly Vector3d Marker = new(-9, 7, 12);

    private static PhantomSpec Spec => new()
    {
        SliceCount = 30, SliceSpacingMm = 2, FirstTablePositionMm = -30,
        Markers = [new PhantomMarker(Marker, RadiusMm: 2.5)],
    };

    /// <summary>The patient position of the centroid of voxels above 1000 HU.</summary>
    private static Vector3d MarkerCentroid(CtVolume volume)
    {
        var g = volume.Geometry;
        double si = 0, sj = 0, sk = 0;
        var n = 0;
        for (var k = 0; k < g.SizeZ; k++)
            for (var j = 0; j < g.SizeY; j++)
                for (var i = 0; i < g.SizeX; i++)
                {
                    if (volume[i, j, k] <= 1000)
                        continue;
                    (si, sj, sk, n) = (si + i, sj + j, sk + k, n + 1);
                }
        Assert.True(n > 0, "marker lost");
        return g.PatientPosition(si / n, sj / n, sk / n);
    }

    private static void AssertNear(Vector3d expected, Vector3d actual, double toleranceMm) =>
        Assert.True((expected - actual).Length < toleranceMm, $"expected {expected}, found {actual}");

    [Fact]
    public void GivenATiltedPhantom_WhenBuiltWithTheDefaultPolicy_ThenTheTiltIsCorrectedAndTheMarkerStaysAtItsPatientPosition()
    {
        using var temp = new TempFolder();
        var result = VolumeBuilder.Build(PhantomSeriesWriter.WriteAndRead(Spec with { TiltDegrees = 20 }, temp.Path));
        Assert.Equal(20, result.Report.TiltDegrees, 3);
        Assert.True(result.Report.TiltCorrected);
        Assert.True(result.Report.Resampled);
        var g = result.Volume.Geometry;
        Assert.Equal(0, g.RowDirection.Dot(g.SliceDirection), 9);
        Assert.Equal(0, g.ColumnDirection.Dot(g.SliceDirection), 9);
        // Table step 2 mm along z, planes 2·cos 20° apart along the tilted normal.
        Assert.Equal(2 * Math.Cos(20 * Math.PI / 180), g.SpacingZ, 6);
        AssertNear(Marker, MarkerCentroid(result.Volume), 0.6);
    }

    [Fact]
    public void GivenATiltedPhantomAndTheRefusePolicy_WhenBuilt_ThenItIsRefused()
    {
        using var temp = new TempFolder();
        var instances = PhantomSeriesWriter.WriteAndRead(Spec with { TiltDegrees = 12 }, temp.Path);
        var error = Assert.Throws<ImagingException>(() => VolumeBuilder.Build(instances, new VolumeOptions { TiltPolicy = TiltPolicy.Refuse }));
        Assert.Equal(ImagingErrorKind.GantryTiltRefused, error.Kind);
    }

    [Fact]
    public void GivenIrregularlySpacedSlices_WhenBuilt_ThenTheyAreReportedAndResampledToTheMedianGap()
    {
        using var temp = new TempFolder();
        double[] table = [-30, -27, -24, -21, -18, -15, -12, -6, -3, 0, 1.5, 3, 4.5, 6, 9, 12, 15, 18, 21, 24, 27];
        var result = VolumeBuilder.Build(PhantomSeriesWriter.WriteAndRead(Spec with { TablePositionsMm = table }, temp.Path));
        var gaps = table.Zip(table.Skip(1), (a, b) => b - a).Order().ToArray();
        Assert.True(result.Report.IrregularSpacing);
        Assert.Equal(gaps[gaps.Length / 2], result.Report.TypicalGapMm, 9);
        Assert.Equal(gaps[0], result.Report.MinimumGapMm, 9);
        Assert.Equal(gaps[^1], result.Report.MaximumGapMm, 9);
        var gap = Assert.Single(result.Report.Gaps);
        Assert.Equal(-12, gap.FromMm, 6);
        Assert.Equal(-6, gap.ToMm, 6);
        var g = result.Volume.Geometry;
        Assert.Equal((table[^1] - table[0]) / (g.SizeZ - 1), g.SpacingZ, 9);
        Assert.Equal(table[0], g.Origin.Z, 9);
        AssertNear(Marker, MarkerCentroid(result.Volume), 0.8);
    }

    [Fact]
    public void GivenAnEnhancedMultiFramePhantom_WhenBuilt_ThenItEqualsTheSameSeriesWrittenAsSingleFrames()
    {
        using var temp = new TempFolder();
        var single = VolumeBuilder.Build(PhantomSeriesWriter.WriteAndRead(Spec, temp.Sub("single")));
        var multi = VolumeBuilder.Build(PhantomSeriesWriter.WriteAndRead(Spec with { MultiFrame = true }, temp.Sub("multi")));
        Assert.Equal(Spec.SliceCount, multi.Report.DistinctSlices);
        Assert.Equal(single.Volume.Geometry, multi.Volume.Geometry);
        Assert.True(single.Volume.Voxels.AsSpan().SequenceEqual(multi.Volume.Voxels));
    }

    [Fact]
    public void GivenPixelPaddingOutsideTheHead_WhenBuilt_ThenPaddingBecomesAirAndTheHeadKeepsItsHu()
    {
        using var temp = new TempFolder();
        var result = VolumeBuilder.Build(PhantomSeriesWriter.WriteAndRead(Spec with { PixelPaddingValue = -2000, Markers = [] }, temp.Path));
        var voxels = result.Volume.Voxels;
        Assert.Equal(CtVolume.AirHu, voxels.Min());
        Assert.Contains((float)Spec.HeadHu, voxels);
        Assert.All(voxels, v => Assert.True(v == CtVolume.AirHu || v == (float)Spec.HeadHu, $"unexpected {v} HU"));
    }

    [Fact]
    public void GivenATiltedEnhancedPhantom_WhenTheStudyIsBuilt_ThenTheFacadeReportsGeometryAndThreePngs()
    {
        using var temp = new TempFolder();
        var paths = PhantomSeriesWriter.Write(Spec with { MultiFrame = true, TiltDegrees = 8 }, temp.Path);
        var result = StudyImaging.Build(paths);
        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal(3, result.Images.Count);
        Assert.All(result.Images, image => Assert.Equal(0x89, image.Png[0]));
        Assert.True(result.Report!.TiltCorrected);
        AssertNear(Marker, MarkerCentroid(result.Volume!), 0.6);
    }
}
