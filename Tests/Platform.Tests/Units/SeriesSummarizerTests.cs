using HeadCt.Dicom;
using HeadCt.Platform.Tests.Support;
using HeadCt.Processor.Pipeline.SeriesSummary;

namespace HeadCt.Platform.Tests.Units;

/// <summary>The series-selection rule on headers read from the real corpus files.</summary>
public sealed class SeriesSummarizerTests
{
    private static readonly DicomReadOptions HeaderOnly = new() { StopBeforePixelData = true };

    private static List<DicomImageHeader> Headers(IEnumerable<string> paths) =>
        [.. paths.Select(path => DicomImageHeader.From(DicomReader.ReadFile(path, HeaderOnly)))];

    [Fact]
    public void GivenGeCtToshibaCtAndMrSeries_WhenSummarized_ThenTheCtSeriesWithMostSlicesIsAnalysed()
    {
        var ge = CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries);
        var toshiba = CorpusFiles.SeriesFiles("series/ct_head_toshiba_aquilion_axial_brain");
        var mr = CorpusFiles.SeriesFiles(CorpusFiles.MrBrainSeries);
        var larger = toshiba.Count > ge.Count ? toshiba : ge;
        var smaller = ReferenceEquals(larger, ge) ? toshiba : ge;

        var summaries = SeriesSummarizer.Summarize([.. Headers(mr), .. Headers(smaller), .. Headers(larger)]);

        Assert.Equal(3, summaries.Count);
        var analysed = Assert.Single(summaries, s => s.Analysed);
        Assert.Equal(larger.Count, analysed.InstanceCount);
        Assert.Equal(CorpusFiles.ManifestValue(larger[0], "transfer_syntax_uid"), analysed.TransferSyntaxUid);
        Assert.Equal(int.Parse(CorpusFiles.ManifestValue(larger[0], "rows")), analysed.Rows);
        Assert.Contains("more slices", summaries.Single(s => s.InstanceCount == smaller.Count && s.Modality == "CT").SkipReason);
        Assert.Contains("not CT", summaries.Single(s => s.Modality == "MR").SkipReason);
    }

    [Fact]
    public void GivenCtSeriesWhoseSlicesDifferInSize_WhenSummarized_ThenItIsSkippedWithoutASize()
    {
        var headers = Headers(CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries).Take(3));
        headers[1] = headers[1] with { Rows = headers[1].Rows / 2 };

        var summary = Assert.Single(SeriesSummarizer.Summarize(headers));

        Assert.False(summary.Analysed);
        Assert.Null(summary.Rows);
        Assert.Contains("differ in size", summary.SkipReason);
    }

    [Fact]
    public void GivenLocalizerSeries_WhenSummarized_ThenItIsSkippedAsLocalizer()
    {
        var headers = Headers(CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries).Take(2))
            .Select(h => h with { ImageType = ["ORIGINAL", "PRIMARY", SeriesSummarizer.Localizer] }).ToList();

        var summary = Assert.Single(SeriesSummarizer.Summarize(headers));

        Assert.False(summary.Analysed);
        Assert.Contains("Localizer", summary.SkipReason);
    }
}
