using HeadCt.Imaging.Phantoms;
using HeadCt.Imaging.Selection;

namespace HeadCt.Imaging.Tests;

public sealed class SeriesSelectionTests
{
    [Fact]
    public void GivenAStudyOfCtMrAndALocalizer_WhenSelected_ThenTheCtSeriesWithMostSlicesWinsAndEachOtherHasAReason()
    {
        using var temp = new TempFolder();
        var scout = PhantomSeriesWriter.WriteAndRead(new PhantomSpec { SliceCount = 40, ImageType = ["ORIGINAL", "PRIMARY", "LOCALIZER"] }, temp.Sub("scout"));
        var study = new List<InstanceFile>();
        foreach (var series in new[] { Corpus.GeTilted, Corpus.ToshibaTilted, Corpus.ThreeSlices, Corpus.MrBrain })
            study.AddRange(Corpus.SeriesFiles(series).Select(InstanceFile.Read));
        study.AddRange(scout);
        new Random(7).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(study));

        var decision = SeriesSelector.Select(study);

        var ctCounts = new[] { Corpus.GeTilted, Corpus.ToshibaTilted, Corpus.ThreeSlices }
            .ToDictionary(s => s, s => Corpus.SeriesFiles(s).Length);
        var largest = ctCounts.MaxBy(kv => kv.Value).Key;
        var expectedUid = InstanceFile.Read(Corpus.SeriesFiles(largest)[0]).Header.SeriesInstanceUid;
        Assert.Equal(expectedUid, decision.SeriesInstanceUid);
        Assert.Equal(ctCounts[largest], decision.Instances.Count);
        Assert.Equal(4, decision.Skipped.Count);
        Assert.Contains(decision.Skipped, s => s.SeriesInstanceUid == scout[0].Header.SeriesInstanceUid && s.Reason.Contains("Localizer"));
        var mrUid = InstanceFile.Read(Corpus.SeriesFiles(Corpus.MrBrain)[0]).Header.SeriesInstanceUid;
        Assert.Contains(decision.Skipped, s => s.SeriesInstanceUid == mrUid && s.Reason.Contains("MR"));
        Assert.All(decision.Skipped, s => Assert.False(string.IsNullOrWhiteSpace(s.Reason)));
    }

    [Fact]
    public void GivenAPreferredImageTypeSeriesWithFewerSlices_WhenSelected_ThenItBeatsALargerDerivedSeries()
    {
        using var temp = new TempFolder();
        var derived = PhantomSeriesWriter.WriteAndRead(new PhantomSpec { SliceCount = 12, ImageType = ["DERIVED", "SECONDARY", "AXIAL"] }, temp.Sub("derived"));
        var original = PhantomSeriesWriter.WriteAndRead(new PhantomSpec { SliceCount = 6 }, temp.Sub("original"));
        var decision = SeriesSelector.Select([.. derived, .. original]);
        Assert.Equal(original[0].Header.SeriesInstanceUid, decision.SeriesInstanceUid);
        Assert.Contains("Image Type", Assert.Single(decision.Skipped).Reason);

        var strict = SeriesSelector.Select(derived, new SeriesSelectionOptions { RequirePreferredImageType = true });
        Assert.False(strict.HasSeries);
    }

    [Fact]
    public void GivenOnlyNonCtImages_WhenTheStudyIsBuilt_ThenItFailsWithNoUsableSeries()
    {
        var result = StudyImaging.Build(Corpus.SeriesFiles(Corpus.MrBrain));
        Assert.False(result.Succeeded);
        Assert.Equal(ImagingErrorKind.NoUsableSeries, result.FailureKind);
        Assert.Contains("MR", Assert.Single(result.Decision.Skipped).Reason);
    }
}
