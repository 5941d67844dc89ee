using HeadCt.Imaging.Selection;
using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging.Tests;

public sealed class StackOrderTests
{
    private static List<InstanceFile> Read(string series) => Corpus.SeriesFiles(series).Select(InstanceFile.Read).ToList();

    [Fact]
    public void GivenShuffledUploadOrder_WhenBuilt_ThenTheVolumeIsIdentical()
    {
        var instances = Read(Corpus.GeTilted);
        var reference = VolumeBuilder.Build(instances).Volume;
        var shuffled = instances.ToArray();
        new Random(20261128).Shuffle(shuffled);
        Assert.NotEqual(instances.Select(i => i.Path), shuffled.Select(i => i.Path));
        var rebuilt = VolumeBuilder.Build(shuffled).Volume;
        Assert.Equal(reference.Geometry, rebuilt.Geometry);
        Assert.True(reference.Voxels.AsSpan().SequenceEqual(rebuilt.Voxels));
    }

    [Fact]
    public void GivenASliceRemoved_WhenBuilt_ThenTheGapIsReportedWhereItWas()
    {
        var instances = Read(Corpus.ToshibaTilted);
        var normal = instances[0].Frames[0].Normal;
        var sorted = instances.OrderBy(i => i.Frames[0].Position!.Value.Dot(normal)).ToList();
        var removed = sorted[sorted.Count / 2];
        var before = sorted[sorted.Count / 2 - 1].Frames[0].Position!.Value.Dot(normal);
        var after = sorted[sorted.Count / 2 + 1].Frames[0].Position!.Value.Dot(normal);

        var complete = VolumeBuilder.Build(instances).Report;
        var report = VolumeBuilder.Build(instances.Where(i => i != removed).ToList()).Report;

        Assert.Empty(complete.Gaps);
        var gap = Assert.Single(report.Gaps);
        Assert.Equal(before, gap.FromMm, 6);
        Assert.Equal(after, gap.ToMm, 6);
        Assert.Equal(1, gap.MissingSliceEstimate);
        Assert.True(report.IrregularSpacing);
        Assert.True(report.Resampled);
    }

    [Fact]
    public void GivenTheSameSliceTwice_WhenBuilt_ThenOneIsKeptAndTheDuplicateReported()
    {
        var instances = Read(Corpus.ThreeSlices);
        var copy = InstanceFile.Read(instances[1].Path);
        var report = VolumeBuilder.Build([.. instances, copy]).Report;
        Assert.Equal(4, report.InputFrames);
        Assert.Equal(3, report.DistinctSlices);
        var duplicate = Assert.Single(report.Duplicates);
        Assert.Equal(Path.GetFileName(instances[1].Path), duplicate.DroppedFrame);
    }

    [Fact]
    public void GivenFewerSlicesThanTheMinimum_WhenBuilt_ThenTooFewSlicesNamesTheCounts()
    {
        var instances = Read(Corpus.ThreeSlices);
        var error = Assert.Throws<ImagingException>(() => VolumeBuilder.Build(instances, new VolumeOptions { MinimumSlices = 4 }));
        Assert.Equal(ImagingErrorKind.TooFewSlices, error.Kind);
        Assert.Contains("3", error.Reason);
        Assert.Contains("4", error.Reason);
    }

    [Fact]
    public void GivenTwoSeriesWithDifferentOrientations_WhenBuiltAsOne_ThenMixedGeometryIsRefused()
    {
        var mixed = Read(Corpus.GeTilted).Concat(Read(Corpus.ToshibaTilted)).ToList();
        var error = Assert.Throws<ImagingException>(() => VolumeBuilder.Build(mixed));
        Assert.Equal(ImagingErrorKind.MixedGeometry, error.Kind);
    }

    [Fact]
    public void GivenATiltedRealSeriesAndTheRefusePolicy_WhenBuilt_ThenTheTiltIsRefusedWithItsAngle()
    {
        var error = Assert.Throws<ImagingException>(() => VolumeBuilder.Build(Read(Corpus.ToshibaTilted), new VolumeOptions { TiltPolicy = TiltPolicy.Refuse }));
        Assert.Equal(ImagingErrorKind.GantryTiltRefused, error.Kind);
        Assert.Contains("10.", error.Reason);
    }
}
