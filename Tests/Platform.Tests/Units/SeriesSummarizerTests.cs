using HeadCt.Imaging.Selection;
using HeadCt.Platform.Tests.Support;
using HeadCt.Processor.Pipeline.SeriesSummary;

namespace HeadCt.Platform.Tests.Units;

/// <summary>The series summary on real corpus headers: per-series fields, with the imaging selector's decision.</summary>
public sealed class SeriesSummarizerTests
{
    private static List<InstanceFile> Instances(IEnumerable<string> paths) => [.. paths.Select(InstanceFile.Read)];

    private static IReadOnlyList<SeriesSummary> Summarize(List<InstanceFile> instances) =>
        SeriesSummarizer.Summarize([.. instances.Select(i => i.Header)], SeriesSelector.Select(instances, SeriesSelectionOptions.Default));

    [Fact]
    public void GivenGeCtToshibaCtAndMrSeries_WhenSummarized_ThenTheCtSeriesWithMostSlicesIsAnalysed()
    {
        var ge = CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries);
        var toshiba = CorpusFiles.SeriesFiles("series/ct_head_toshiba_aquilion_axial_brain");
        var mr = CorpusFiles.SeriesFiles(CorpusFiles.MrBrainSeries);
        var larger = toshiba.Count > ge.Count ? toshiba : ge;
        var smaller = ReferenceEquals(larger, ge) ? toshiba : ge;

        var summaries = Summarize([.. Instances(mr), .. Instances(smaller), .. Instances(larger)]);

        Assert.Equal(3, summaries.Count);
        var analysed = Assert.Single(summaries, s => s.Analysed);
        Assert.Null(analysed.SkipReason);
        Assert.Equal(larger.Count, analysed.InstanceCount);
        Assert.Equal(CorpusFiles.ManifestValue(larger[0], "transfer_syntax_uid"), analysed.TransferSyntaxUid);
        Assert.Equal(int.Parse(CorpusFiles.ManifestValue(larger[0], "rows")), analysed.Rows);
        Assert.Contains("fewer than", summaries.Single(s => s.InstanceCount == smaller.Count && s.Modality == "CT").SkipReason);
        Assert.Contains("not CT", summaries.Single(s => s.Modality == "MR").SkipReason);
    }

    [Fact]
    public void GivenCtSeriesWhoseSlicesDifferInSize_WhenSummarized_ThenItIsSkippedWithoutASize()
    {
        var instances = Instances(CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries).Take(3));
        instances[1] = instances[1] with { Header = instances[1].Header with { Rows = instances[1].Header.Rows / 2 } };

        var summary = Assert.Single(Summarize(instances));

        Assert.False(summary.Analysed);
        Assert.Null(summary.Rows);
        Assert.Contains("Mixed image sizes", summary.SkipReason);
    }

    [Fact]
    public void GivenLocalizerSeries_WhenSummarized_ThenItIsSkippedAsLocalizer()
    {
        var instances = Instances(CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries).Take(2))
            .Select(i => i with { Header = i.Header with { ImageType = ["ORIGINAL", "PRIMARY", "LOCALIZER"] } }).ToList();

        var summary = Assert.Single(Summarize(instances));

        Assert.False(summary.Analysed);
        Assert.Contains("Localizer", summary.SkipReason);
    }
}
