using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Services;

/// <summary>
/// Issue 16: one truncated slice among 28 failed the whole study. Instances whose pixel data cannot be decoded are now
/// left out and listed with their reason when the rest of the series makes a volume.
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class UndecodableInstanceTests(ServicesAppFixture fixture)
{
    [Fact]
    public async Task GivenATruncatedSliceAmong28_WhenProcessed_ThenTheStudyCompletesAndTheSliceIsListedAsSkippedWithItsReason()
    {
        var files = CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries).Select(File.ReadAllBytes).ToArray();
        Assert.Equal(28, files.Length);
        const int truncated = 10;
        files[truncated] = files[truncated][..(files[truncated].Length - 100_000)];
        var truncatedUid = ExplicitLittleEndianTagScanner.ReadString(files[truncated], 0x0008, 0x0018);
        using var gateway = fixture.CreateGatewayClient();

        var id = await StudyUploader.UploadAsync(gateway, files.Select((file, i) => ($"{i:D2}.dcm", file)));
        var (result, _) = await ResultPolling.WaitForStatusAsync(gateway, id, TimeSpan.FromMinutes(2), "completed", "failed");

        Assert.Equal("completed", result.GetProperty("status").GetString());
        var skipped = Assert.Single(result.GetProperty("imaging").GetProperty("report").GetProperty("skippedInstances").EnumerateArray());
        Assert.Equal($"{truncated + 1:D6}.dcm", skipped.GetProperty("file").GetString());
        Assert.Equal(truncatedUid, skipped.GetProperty("sopInstanceUid").GetString());
        Assert.False(string.IsNullOrWhiteSpace(skipped.GetProperty("reason").GetString()));
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, result.GetProperty("prediction").ValueKind);
        using var delete = await gateway.DeleteAsync($"/results/{id}");
    }
}
