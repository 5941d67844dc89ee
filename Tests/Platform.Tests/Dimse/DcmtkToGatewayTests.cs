using System.Text.Json;
using HeadCt.DicomPeers;
using HeadCt.Platform.Tests.Support;
using static HeadCt.Platform.Tests.Dimse.GatewayDicom;

namespace HeadCt.Platform.Tests.Dimse;

/// <summary>
/// DCMTK against the running gateway (AppHost endpoint "dicom"): a study pushed over DIMSE is stored exactly as sent,
/// processed after the quiet period like an upload, reprocessed when instances arrive late, and audited.
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class DcmtkToGatewayTests(ServicesAppFixture fixture)
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task GivenStorescuSendingTheHeadSeriesInTwoAssociations_WhenEachQuietPeriodPasses_ThenItIsProcessedThenReprocessedWithEveryDataSetAsSent()
    {
        var started = DateTimeOffset.UtcNow;
        var (host, port) = fixture.GetDicomEndpoint();
        using var gateway = fixture.CreateGatewayClient();
        var files = CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries);
        var id = StudyIdOf(files[0]);
        var referenceFolder = Path.Combine(fixture.DataDirectory, "storescp-reference-" + Guid.NewGuid().ToString("N"));
        await using var reference = await Storescp.StartAsync(referenceFolder);

        var first = await Dcmtk.RunAsync("storescu", ["-aet", DimseTestPeers.Storescu, "-aec", DimseTestPeers.GatewayAeTitle, host, port.ToString(), .. files.Take(20)], ToolTimeout);
        Assert.True(first.ExitCode == 0, first.Output);
        var processed = await WaitForCompletedAsync(gateway, id, 20);
        var late = await Dcmtk.RunAsync("storescu", ["-aet", DimseTestPeers.Storescu, "-aec", DimseTestPeers.GatewayAeTitle, host, port.ToString(), .. files.Skip(20)], ToolTimeout);
        Assert.True(late.ExitCode == 0, late.Output);
        var reprocessed = await WaitForCompletedAsync(gateway, id, files.Count);

        // A result like an uploaded study's, which says where it came from.
        Assert.NotEqual(JsonValueKind.Null, reprocessed.GetProperty("imaging").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, reprocessed.GetProperty("prediction").ValueKind);
        var source = reprocessed.GetProperty("source");
        Assert.Equal("dimse", source.GetProperty("kind").GetString());
        Assert.Equal([DimseTestPeers.Storescu], source.GetProperty("callingAeTitles").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, source.GetProperty("associations").GetInt32());
        Assert.Equal(1, processed.GetProperty("source").GetProperty("associations").GetInt32());
        Assert.True(reprocessed.GetProperty("completedAt").GetDateTimeOffset() > processed.GetProperty("completedAt").GetDateTimeOffset());

        // Every data set stored exactly as DCMTK put it on the wire (what storescp +B records from the same storescu).
        var referenced = await Dcmtk.RunAsync("storescu", ["-aet", DimseTestPeers.Storescu, "-aec", Storescp.AeTitle, "127.0.0.1", reference.Port.ToString(), .. files], ToolTimeout);
        Assert.True(referenced.ExitCode == 0, referenced.Output);
        var storage = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        AssertSameDataSets(reference.DataSets(), await StoredDataSetsAsync(storage, id), "stored by the gateway vs storescp +B");

        // The audit trail has both associations: calling AE, address, instances; no data set content.
        var associations = (await AuditAsync(gateway, started, id)).Where(e => e.GetProperty("action").GetString() == "dimse-association").ToList();
        Assert.Equal([8, 20], associations.Select(e => e.GetProperty("instances").GetInt32()).Order());
        Assert.All(associations, e =>
        {
            Assert.Equal(DimseTestPeers.Storescu, e.GetProperty("actor").GetString());
            Assert.Equal("dicom-ae", e.GetProperty("credential").GetString());
            Assert.Equal(200, e.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(e.GetProperty("remoteIp").GetString()));
        });
    }

    [Fact]
    public async Task GivenEchoscu_WhenItVerifiesAsAKnownAndAsAnUnknownCallingAe_ThenTheKnownSucceedsAndTheUnknownIsRejectedAndAudited()
    {
        var started = DateTimeOffset.UtcNow;
        var (host, port) = fixture.GetDicomEndpoint();
        using var gateway = fixture.CreateGatewayClient();

        var known = await Dcmtk.RunAsync("echoscu", ["-aet", DimseTestPeers.Echoscu, "-aec", DimseTestPeers.GatewayAeTitle, host, port.ToString()], ToolTimeout);
        var unknown = await Dcmtk.RunAsync("echoscu", ["-aet", "STRANGER", "-aec", DimseTestPeers.GatewayAeTitle, host, port.ToString()], ToolTimeout);
        var wrongCalled = await Dcmtk.RunAsync("echoscu", ["-aet", DimseTestPeers.Echoscu, "-aec", "NOT_HEADCT", host, port.ToString()], ToolTimeout);

        Assert.True(known.ExitCode == 0, known.Output);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("Calling AE Title Not Recognized", unknown.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Called AE Title Not Recognized", wrongCalled.Output, StringComparison.OrdinalIgnoreCase);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        List<System.Text.Json.JsonElement> rejected;
        do
        {
            rejected = (await AuditAsync(gateway, started)).Where(e => e.GetProperty("actor").GetString() == "STRANGER").ToList();
        }
        while (rejected.Count == 0 && DateTime.UtcNow < deadline && await Task.Delay(250).ContinueWith(_ => true));
        var record = Assert.Single(rejected);
        Assert.Equal(403, record.GetProperty("status").GetInt32());
        Assert.Equal("rejected: calling-ae-title-not-recognized", record.GetProperty("detail").GetString());
    }
}
