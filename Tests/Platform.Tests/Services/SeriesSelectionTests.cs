using System.Text.Json;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Services;

/// <summary>The series-summary stage on a study that mixes series: which one is analysed, and why the others are not.</summary>
[Collection(ServicesCollection.Name)]
public sealed class SeriesSelectionTests(ServicesAppFixture fixture)
{
    [Fact]
    public async Task GivenStudyWithTwoCtSeriesAndAnMrSeries_WhenProcessed_ThenTheCtSeriesWithMostSlicesIsAnalysedAndTheOthersSaySkipReasons()
    {
        var ge = CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries).Take(6).ToList();
        var mini = CorpusFiles.SeriesFiles("series/ct_head_mini_16x16").ToList();
        var mr = CorpusFiles.SeriesFiles(CorpusFiles.MrBrainSeries).Take(3).ToList();
        Assert.True(mini.Count < ge.Count, "The test needs the GE series to have more slices than the mini series.");
        using var gateway = fixture.CreateGatewayClient();

        var id = await StudyUploader.UploadAsync(gateway, [.. ge, .. mini, .. mr]);
        var (document, _) = await ResultPolling.WaitForStatusAsync(gateway, id, TimeSpan.FromSeconds(90), "completed", "failed");

        Assert.Equal("completed", document.GetProperty("status").GetString());
        var series = document.GetProperty("series").EnumerateArray()
            .ToDictionary(s => s.GetProperty("seriesInstanceUid").GetString()!);
        Assert.Equal(3, series.Count);

        var analysed = series[SeriesUidOf(ge[0])];
        AssertDescribes(analysed, ge);
        Assert.True(analysed.GetProperty("analysed").GetBoolean());

        var smaller = series[SeriesUidOf(mini[0])];
        AssertDescribes(smaller, mini);
        Assert.False(smaller.GetProperty("analysed").GetBoolean());
        Assert.Contains("fewer than", smaller.GetProperty("skipReason").GetString());

        var mrSeries = series[SeriesUidOf(mr[0])];
        AssertDescribes(mrSeries, mr);
        Assert.False(mrSeries.GetProperty("analysed").GetBoolean());
        Assert.Contains("not CT", mrSeries.GetProperty("skipReason").GetString());
    }

    private static string SeriesUidOf(string path) =>
        ExplicitLittleEndianTagScanner.ReadString(File.ReadAllBytes(path), 0x0020, 0x000E)
        ?? throw new InvalidOperationException($"{path} has no Series Instance UID.");

    private static void AssertDescribes(JsonElement summary, IReadOnlyList<string> files)
    {
        Assert.Equal(files.Count, summary.GetProperty("instanceCount").GetInt32());
        Assert.Equal(CorpusFiles.ManifestValue(files[0], "modality"), summary.GetProperty("modality").GetString());
        Assert.Equal(int.Parse(CorpusFiles.ManifestValue(files[0], "rows")), summary.GetProperty("rows").GetInt32());
        Assert.Equal(int.Parse(CorpusFiles.ManifestValue(files[0], "columns")), summary.GetProperty("columns").GetInt32());
        Assert.Equal(CorpusFiles.ManifestValue(files[0], "transfer_syntax_uid"), summary.GetProperty("transferSyntaxUid").GetString());
    }
}
