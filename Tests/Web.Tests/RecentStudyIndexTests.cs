using HeadCt.Gateway.Storage;

namespace HeadCt.Web.Tests;

/// <summary>The recent-studies index behind GET /results: blob names must sort newest first and read back exactly.</summary>
public sealed class RecentStudyIndexTests
{
    [Fact]
    public void GivenUploadsAtDifferentTimes_WhenMarkersSortByName_ThenNewestComesFirst()
    {
        var start = new DateTimeOffset(2026, 11, 28, 4, 0, 0, TimeSpan.Zero);
        var times = new[] { start, start.AddTicks(1), start.AddDays(-400), start.AddYears(3), start.AddMilliseconds(5) };
        var markers = times.Select((time, i) => (Time: time, Name: RecentStudyIndex.Marker($"{i:D32}", time))).ToList();

        var byName = markers.OrderBy(marker => marker.Name, StringComparer.Ordinal).Select(marker => marker.Time);

        Assert.Equal(times.OrderByDescending(time => time), byName);
    }

    [Fact]
    public void GivenMarker_WhenParsed_ThenIdUploadTimeAndFileCountRoundTrip()
    {
        var id = Guid.NewGuid().ToString("N");
        var uploadedAt = new DateTimeOffset(2026, 11, 28, 5, 6, 7, 890, TimeSpan.FromHours(2)).AddTicks(1234);
        var name = RecentStudyIndex.Marker(id, uploadedAt);

        var study = RecentStudyIndex.Parse(name, new Dictionary<string, string> { [RecentStudyIndex.FileCountMetadata] = "34" });

        Assert.NotNull(study);
        Assert.Equal(id, study.Id);
        Assert.Equal(uploadedAt, study.UploadedAt);
        Assert.Equal(TimeSpan.Zero, study.UploadedAt.Offset);
        Assert.Equal(34, study.FileCount);
    }

    [Theory]
    [InlineData("studies/abc/study.json")]
    [InlineData("recent/")]
    [InlineData("recent/12345-abc")]
    [InlineData("recent/99999999999999999999-abc")]
    [InlineData("recent/000000000000000000x-abc")]
    [InlineData("recent/0000000000000000000_abc")]
    public void GivenNameTheIndexDidNotWrite_WhenParsed_ThenItIsIgnored(string name)
    {
        Assert.Null(RecentStudyIndex.Parse(name, null));
    }
}
