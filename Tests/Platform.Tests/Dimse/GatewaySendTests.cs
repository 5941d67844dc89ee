using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HeadCt.DicomPeers;
using HeadCt.Platform.Tests.Support;
using static HeadCt.Platform.Tests.Dimse.GatewayDicom;

namespace HeadCt.Platform.Tests.Dimse;

/// <summary><c>POST /studies/{id}/send</c>: the C-STORE SCU queue against storescp, an unreachable peer and unknown names.</summary>
[Collection(ServicesCollection.Name)]
public sealed class GatewaySendTests(ServicesAppFixture fixture)
{
    [Fact]
    public async Task GivenAnUploadedStudy_WhenSentToStorescpAndToAnOfflinePeer_ThenStorescpHoldsItBitForBitAndTheOtherSendEndsFailedAfterItsAttempts()
    {
        using var gateway = fixture.CreateGatewayClient();
        var files = CorpusFiles.SeriesFiles("series/ct_head_mini_16x16");
        var id = await UploadAsync(gateway, files);
        var folder = Path.Combine(fixture.DataDirectory, "storescp-destination-" + Guid.NewGuid().ToString("N"));
        await using var storescp = await Storescp.StartAsync(folder, DimseTestPeers.StorescpPort);

        using var toStorescp = await gateway.PostAsJsonAsync($"/studies/{id}/send", new { destination = Storescp.AeTitle });
        using var toOffline = await gateway.PostAsJsonAsync($"/studies/{id}/send", new { destination = DimseTestPeers.Offline });
        var delivered = await OrthancInteropTests.WaitForSendAsync(gateway, toStorescp.Headers.Location!.ToString());
        var undelivered = await OrthancInteropTests.WaitForSendAsync(gateway, toOffline.Headers.Location!.ToString());

        Assert.Equal(HttpStatusCode.Accepted, toStorescp.StatusCode);
        Assert.Equal(("completed", files.Count, 1), (delivered.GetProperty("status").GetString(), delivered.GetProperty("stored").GetInt32(), delivered.GetProperty("attempts").GetInt32()));
        var storage = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        AssertSameDataSets(await StoredDataSetsAsync(storage, id), storescp.DataSets(), "stored by the gateway vs received by storescp +B");
        Assert.Equal(("failed", 2, 0), (undelivered.GetProperty("status").GetString(), undelivered.GetProperty("attempts").GetInt32(), undelivered.GetProperty("stored").GetInt32()));
        Assert.Contains("connect", undelivered.GetProperty("failureReason").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GivenAnUnknownDestinationOrStudy_WhenSendIsAsked_ThenProblemsNameTheCause()
    {
        using var gateway = fixture.CreateGatewayClient();

        using var unknownPeer = await gateway.PostAsJsonAsync($"/studies/{new string('a', 32)}/send", new { destination = "NOBODY" });
        using var senderOnly = await gateway.PostAsJsonAsync($"/studies/{new string('a', 32)}/send", new { destination = DimseTestPeers.Storescu });
        using var unknownStudy = await gateway.PostAsJsonAsync($"/studies/{new string('b', 32)}/send", new { destination = Storescp.AeTitle });

        var problem = await ProblemAssert.IsProblemAsync(unknownPeer, HttpStatusCode.BadRequest, "unknown-destination");
        Assert.Contains(Storescp.AeTitle, problem.GetProperty("destinations").EnumerateArray().Select(e => e.GetString()));
        await ProblemAssert.IsProblemAsync(senderOnly, HttpStatusCode.BadRequest, "unknown-destination");
        await ProblemAssert.IsProblemAsync(unknownStudy, HttpStatusCode.NotFound, "study-not-found");
    }

    private static async Task<string> UploadAsync(HttpClient gateway, IReadOnlyList<string> files)
    {
        using var form = new MultipartFormDataContent();
        foreach (var file in files)
            form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(file)), "files", Path.GetFileName(file));
        using var response = await gateway.PostAsync("/upload", form);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToString());
        return body.GetProperty("id").GetString()!;
    }
}
