using HeadCt.Imaging.Selection;
using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging.Tests;

/// <summary>Slice order, spacing, tilt and affine of real corpus series against values computed here from the DICOM positions.</summary>
public sealed class RealSeriesGeometryTests
{
    private sealed record Expected(string[] SortedPaths, double[] Distances, double[] Normal, double TiltDegrees, double MedianGap);

    private static Expected Compute(string[] files)
    {
        var oracles = Array.ConvertAll(files, HuOracle.Read);
        var normal = HuOracle.Normal(oracles[0].Header.ImageOrientationPatient!);
        var distances = Array.ConvertAll(oracles, o => HuOracle.Dot(o.Position, normal));
        var order = Enumerable.Range(0, files.Length).OrderBy(i => distances[i]).ToArray();
        var sortedDistances = order.Select(i => distances[i]).ToArray();
        var first = oracles[order[0]].Position;
        var last = oracles[order[^1]].Position;
        var stack = new[] { last[0] - first[0], last[1] - first[1], last[2] - first[2] };
        var tilt = Math.Acos(Math.Abs(HuOracle.Dot(stack, normal)) / Math.Sqrt(HuOracle.Dot(stack, stack))) * 180 / Math.PI;
        var gaps = sortedDistances.Zip(sortedDistances.Skip(1), (a, b) => b - a).Order().ToArray();
        return new Expected(order.Select(i => files[i]).ToArray(), sortedDistances, normal, tilt, gaps[gaps.Length / 2]);
    }

    [Theory]
    [InlineData(Corpus.GeTilted, 18.5)]
    [InlineData(Corpus.ToshibaTilted, 10.5)]
    [InlineData(Corpus.ThreeSlices, 0)]
    public void GivenRealSeries_WhenBuilt_ThenSpacingTiltAndAffineMatchThePositions(string series, double nominalTilt)
    {
        var files = Corpus.SeriesFiles(series);
        var expected = Compute(files);
        var result = VolumeBuilder.Build(files.Select(InstanceFile.Read).ToList());
        var g = result.Volume.Geometry;
        var header = HuOracle.Read(files[0]).Header;

        Assert.Equal(files.Length, result.Report.DistinctSlices);
        Assert.Equal(header.PixelSpacing![1], g.SpacingX, 9);
        Assert.Equal(header.PixelSpacing![0], g.SpacingY, 9);
        Assert.Equal(expected.Normal[0], g.SliceDirection.X, 6);
        Assert.Equal(expected.Normal[1], g.SliceDirection.Y, 6);
        Assert.Equal(expected.Normal[2], g.SliceDirection.Z, 6);
        Assert.Equal(expected.Distances[^1] - expected.Distances[0], g.SpacingZ * (g.SizeZ - 1), 6);
        Assert.Equal(expected.MedianGap, result.Report.TypicalGapMm, 6);
        Assert.Equal(expected.TiltDegrees, result.Report.TiltDegrees, 6);
        Assert.InRange(result.Report.TiltDegrees, nominalTilt - 0.5, nominalTilt + 0.5);

        // The affine puts plane 0 in the first slice's plane and plane K-1 in the last one's.
        var affine = g.Affine;
        double[] Map(double i, double j, double k) =>
        [
            affine[0] * i + affine[1] * j + affine[2] * k + affine[3],
            affine[4] * i + affine[5] * j + affine[6] * k + affine[7],
            affine[8] * i + affine[9] * j + affine[10] * k + affine[11],
        ];
        Assert.Equal(expected.Distances[0], HuOracle.Dot(Map(100, 200, 0), expected.Normal), 6);
        Assert.Equal(expected.Distances[^1], HuOracle.Dot(Map(300, 50, g.SizeZ - 1), expected.Normal), 6);
    }

    [Theory]
    [InlineData(Corpus.GeTilted)]
    [InlineData(Corpus.ToshibaTilted)]
    [InlineData(Corpus.ThreeSlices)]
    public void GivenRealSeries_WhenBuilt_ThenEndPlanesHoldTheHuOfTheEndSlicesAtTheAffinePositions(string series)
    {
        var files = Corpus.SeriesFiles(series);
        var expected = Compute(files);
        var volume = VolumeBuilder.Build(files.Select(InstanceFile.Read).ToList()).Volume;
        var g = volume.Geometry;
        foreach (var (plane, path) in new[] { (0, expected.SortedPaths[0]), (g.SizeZ - 1, expected.SortedPaths[^1]) })
        {
            var oracle = HuOracle.Read(path);
            var compared = 0;
            for (var j = 3; j < g.SizeY; j += 23)
            {
                for (var i = 5; i < g.SizeX; i += 19)
                {
                    var p = g.PatientPosition(i, j, plane);
                    if (oracle.SampleAt([p.X, p.Y, p.Z], maxRange: 100) is not { } hu)
                        continue;
                    Assert.True(Math.Abs(hu - volume[i, j, plane]) < 0.5, $"plane {plane} voxel ({i},{j}): volume {volume[i, j, plane]} vs slice {hu}");
                    compared++;
                }
            }
            Assert.True(compared > 50, $"only {compared} voxels fell inside the slice");
        }
    }

    [Fact]
    public void GivenRegularUntiltedSeries_WhenBuilt_ThenEveryPlaneIsTheSliceAtThatPositionUnchanged()
    {
        var files = Corpus.SeriesFiles(Corpus.ThreeSlices);
        var expected = Compute(files);
        var result = VolumeBuilder.Build(files.Select(InstanceFile.Read).ToList());
        Assert.False(result.Report.Resampled);
        for (var k = 0; k < expected.SortedPaths.Length; k++)
        {
            var oracle = HuOracle.Read(expected.SortedPaths[k]);
            Assert.True(oracle.Hu.AsSpan().SequenceEqual(result.Volume.Slice(k)), $"plane {k} differs from {expected.SortedPaths[k]}");
            Assert.Equal(oracle.Position[0], k == 0 ? result.Volume.Geometry.Origin.X : oracle.Position[0], 9);
        }
        var origin = HuOracle.Read(expected.SortedPaths[0]).Position;
        Assert.Equal(origin[0], result.Volume.Geometry.Origin.X, 9);
        Assert.Equal(origin[1], result.Volume.Geometry.Origin.Y, 9);
        Assert.Equal(origin[2], result.Volume.Geometry.Origin.Z, 9);
    }
}
