using System.Net;
using HeadCt.Platform.Tests.Infrastructure;
using HeadCt.Platform.Tests.Security;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.DicomWeb.Interop;

/// <summary>
/// Orthanc (Debian's, with its DICOMweb plugin) as a DICOMweb client of ours, the way a PACS would use us: it searches
/// our studies (QIDO-RS), retrieves one into its own store (WADO-RS) and sends one of its studies to us (STOW-RS).
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class OrthancInteropTests(ServicesAppFixture fixture)
{
    [Fact]
    public async Task GivenOrthancNamingUsAsItsDicomWebServer_WhenItSearchesRetrievesAndStores_ThenEachReachesOurIndexAndStorage()
    {
        Assert.True(OrthancServer.IsInstalled, "Orthanc and its DICOMweb plugin are installed by .ci/run (orthanc, orthanc-dicomweb).");
        var ours = TestStudy.From(CorpusFiles.GeHeadSeries, "Orthanc^Search", "PID-OR-1", "20240305", "ACC-OR-1", take: 3);
        var theirs = TestStudy.From(CorpusFiles.GeHeadSeries, "Orthanc^Sent", "PID-OR-2", "20240306", "ACC-OR-2", take: 2);
        using var gateway = fixture.CreateGatewayClient();
        using (var stored = await DicomWebClient.StowAsync(gateway, ours.Instances.Select(instance => instance.Bytes)))
        {
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        }

        var root = new Uri(fixture.App.GetEndpoint(ResourceNames.Gateway, "http"), "/dicom-web/");
        await using var orthanc = await OrthancServer.StartAsync(root, TestCredentials.DevApiKey);

        // QIDO-RS: Orthanc searches our studies.
        var found = await orthanc.PostJsonAsync($"/dicom-web/servers/{OrthancServer.RemoteName}/qido",
            new { Uri = "/studies", Arguments = new Dictionary<string, string> { ["StudyInstanceUID"] = ours.StudyInstanceUid } });
        var study = Assert.Single(found.EnumerateArray());
        Assert.Equal("Orthanc^Search", DicomWebClient.Value(study, "00100010"));
        Assert.Equal(ours.StudyInstanceUid, DicomWebClient.Value(study, "0020000D"));

        // WADO-RS: Orthanc retrieves the study into its own store.
        var job = await orthanc.PostJsonAsync($"/dicom-web/servers/{OrthancServer.RemoteName}/retrieve",
            new { Resources = new[] { new { Study = ours.StudyInstanceUid } } });
        using var lookupResponse = await orthanc.Http.PostAsync("/tools/lookup", new StringContent(ours.StudyInstanceUid));
        var lookup = System.Text.Json.JsonDocument.Parse(await lookupResponse.Content.ReadAsStringAsync()).RootElement;
        var orthancStudy = lookup.EnumerateArray().SingleOrDefault(item => item.GetProperty("Type").GetString() == "Study");
        Assert.True(orthancStudy.ValueKind == System.Text.Json.JsonValueKind.Object,
            $"Orthanc did not store the retrieved study; its retrieve answered {job}{Environment.NewLine}{orthanc.Output}");
        var retrieved = await orthanc.GetJsonAsync($"/studies/{orthancStudy.GetProperty("ID").GetString()}/instances");
        Assert.Equal(ours.Instances.Select(instance => instance.SopInstanceUid).Order(),
            retrieved.EnumerateArray().Select(instance => instance.GetProperty("MainDicomTags").GetProperty("SOPInstanceUID").GetString()).Order());

        // STOW-RS: Orthanc sends one of its studies to us.
        string? theirStudy = null;
        foreach (var instance in theirs.Instances)
        {
            using var upload = await orthanc.Http.PostAsync("/instances", new ByteArrayContent(instance.Bytes));
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
            theirStudy = System.Text.Json.JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("ParentStudy").GetString();
        }

        await orthanc.PostJsonAsync($"/dicom-web/servers/{OrthancServer.RemoteName}/stow", new { Resources = new[] { theirStudy } });
        var received = await DicomWebClient.GetJsonAsync(gateway, $"/dicom-web/studies?StudyInstanceUID={theirs.StudyInstanceUid}");
        Assert.Equal("2", DicomWebClient.Value(Assert.Single(received.EnumerateArray()), "00201208"));
        Assert.Equal("Orthanc^Sent", DicomWebClient.Value(received[0], "00100010"));
    }
}
