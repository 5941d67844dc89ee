using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HeadCt.DicomPeers;
using HeadCt.Dicom;
using HeadCt.Platform.Tests.Support;
using static HeadCt.Platform.Tests.Dimse.GatewayDicom;

namespace HeadCt.Platform.Tests.Dimse;

/// <summary>
/// Orthanc (Debian's, started by the test with a generated configuration that declares our AE) pushes a study to the
/// gateway through its REST API, and the gateway's C-STORE SCU pushes it back, checked through Orthanc's REST API.
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class OrthancInteropTests(ServicesAppFixture fixture)
{
    private const string ReferenceModality = "reference";

    [Fact]
    public async Task GivenAStudyInOrthanc_WhenOrthancPushesItAndTheGatewaySendsItBack_ThenBothSidesHoldTheDataSetsAsSent()
    {
        var (host, port) = fixture.GetDicomEndpoint();
        using var gateway = fixture.CreateGatewayClient();
        var referenceFolder = Path.Combine(fixture.DataDirectory, "orthanc-reference-" + Guid.NewGuid().ToString("N"));
        await using var reference = await Storescp.StartAsync(referenceFolder);
        await using var orthanc = await Orthanc.StartAsync(DimseTestPeers.OrthancDicomPort, new Dictionary<string, (string, string, int)>
        {
            [DimseTestPeers.OrthancModality] = (DimseTestPeers.GatewayAeTitle, host == "localhost" ? "127.0.0.1" : host, port),
            [ReferenceModality] = (Storescp.AeTitle, "127.0.0.1", reference.Port),
        });
        var files = CorpusFiles.SeriesFiles("series/ct_head_toshiba_aquilion_axial_brain");
        string orthancStudy = "";
        foreach (var file in files)
            orthancStudy = await orthanc.UploadAsync(file);
        var id = StudyIdOf(files[0]);

        // Orthanc → gateway (and → storescp +B, the reference for what Orthanc's SCU put on the wire).
        await orthanc.StoreToModalityAsync(DimseTestPeers.OrthancModality, orthancStudy);
        await orthanc.StoreToModalityAsync(ReferenceModality, orthancStudy);
        var result = await WaitForCompletedAsync(gateway, id, files.Count);
        Assert.Equal([Orthanc.AeTitle], result.GetProperty("source").GetProperty("callingAeTitles").EnumerateArray().Select(e => e.GetString()));
        var storage = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        var stored = await StoredDataSetsAsync(storage, id);
        AssertSameDataSets(reference.DataSets(), stored, "received from Orthanc vs storescp +B");

        // Gateway → Orthanc: Orthanc forgets the study, the gateway sends it, Orthanc holds every data set as we store it.
        await orthanc.DeleteStudyAsync(orthancStudy);
        using var send = await gateway.PostAsJsonAsync($"/studies/{id}/send", new { destination = Orthanc.AeTitle });
        Assert.Equal(HttpStatusCode.Accepted, send.StatusCode);
        var finished = await WaitForSendAsync(gateway, send.Headers.Location!.ToString());
        Assert.Equal(("completed", files.Count), (finished.GetProperty("status").GetString(), finished.GetProperty("stored").GetInt32()));
        var inOrthanc = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var instance in await orthanc.InstancesOfStudyAsync(StudyInstanceUidOf(files[0])))
        {
            var file = await orthanc.FileAsync(instance);
            var header = DicomReader.ReadPartTenHeader(file, true);
            inOrthanc[header.SopInstanceUid!] = file[header.DatasetOffset..];
        }

        AssertSameDataSets(stored, inOrthanc, "sent by the gateway vs stored by Orthanc");
    }

    public static async Task<JsonElement> WaitForSendAsync(HttpClient gateway, string location)
    {
        var deadline = DateTime.UtcNow + StudyTimeout;
        while (true)
        {
            var view = await gateway.GetFromJsonAsync<JsonElement>(location);
            if (view.GetProperty("status").GetString() is "completed" or "failed" || DateTime.UtcNow > deadline)
                return view;
            await Task.Delay(250);
        }
    }
}
