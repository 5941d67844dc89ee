using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using HeadCt.DicomPeers;
using HeadCt.Platform.Tests.Infrastructure;
using HeadCt.Platform.Tests.Scaling;
using HeadCt.Platform.Tests.Security;
using HeadCt.Platform.Tests.Support;
using Xunit.Abstractions;

namespace HeadCt.Platform.Tests.DicomResults;

/// <summary>
/// Issue 19, done when: a configured PACS receives the result objects into the source study automatically. Debian's
/// Orthanc holds the Toshiba head series; the real AppHost's processor has Orthanc as a <c>dimse</c> destination; the
/// same series uploaded through the gateway completes, and the processor's C-STORE SCU sends its SC, SR and SEG to
/// Orthanc without being asked. They appear in Orthanc beside the CT series of the same study (checked through its
/// REST API), the routing state says <c>sent</c>, and an admin's retry sends them again without a second copy.
/// </summary>
[Collection(ReplicaCollection.Name)]
public sealed class AutomaticRoutingTests(ITestOutputHelper output) : IDisposable
{
    private const string Series = "series/ct_head_toshiba_aquilion_axial_brain";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "headct-routing", Guid.NewGuid().ToString("N"));
    private readonly CapturedLogs _logs = new();

    [Fact]
    public async Task GivenOrthancAsADimseDestination_WhenAStudyCompletes_ThenItsResultObjectsLandInTheSourceStudyInOrthancOnce()
    {
        Assert.True(File.Exists(Orthanc.Executable), "Orthanc is not installed (.ci/run installs it)");
        var files = CorpusFiles.SeriesFiles(Series);
        await using var orthanc = await Orthanc.StartAsync(FreePorts.Next(), new Dictionary<string, (string, string, int)>());
        foreach (var file in files)
        {
            await orthanc.UploadAsync(file);
        }

        var studyUid = StudyInstanceUid(files[0]);
        var sourceInstances = (await orthanc.InstancesOfStudyAsync(studyUid)).Count;

        using var startup = new CancellationTokenSource(PlatformAppFixture.StartupTimeout);
        await using var app = await AppHostLauncher.StartAsync(_logs, Path.Combine(_folder, "data"), [], startup.Token, builder =>
        {
            var processor = builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == ResourceNames.Processor);
            builder.CreateResourceBuilder(processor)
                .WithEnvironment("Routing__Destinations__0__Name", "pacs")
                .WithEnvironment("Routing__Destinations__0__Kind", "dimse")
                .WithEnvironment("Routing__Destinations__0__AeTitle", Orthanc.AeTitle)
                .WithEnvironment("Routing__Destinations__0__Host", "127.0.0.1")
                .WithEnvironment("Routing__Destinations__0__Port", orthanc.DicomPort.ToString())
                .WithEnvironment("Routing__RetryDelay", "00:00:01");
        });
        foreach (var resource in ResourceNames.All)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, startup.Token);
        }

        using var gateway = app.CreateHttpClient(ResourceNames.Gateway, "http");
        gateway.DefaultRequestHeaders.Add(TestCredentials.ApiKeyHeader, TestCredentials.DevApiKey);
        var id = await StudyUploader.UploadAsync(gateway, files);
        var (document, _) = await ResultPolling.WaitForStatusAsync(gateway, id, Timeout, "completed", "failed");
        Assert.Equal("completed", document.GetProperty("status").GetString());

        var listing = await WaitForRoutingAsync(gateway, id, "sent");
        var objects = listing.GetProperty("objects").EnumerateArray().ToList();
        var modalities = objects.Select(item => item.GetProperty("modality").GetString()).Order().ToList();
        output.WriteLine($"objects: {string.Join(", ", modalities)}; routing: {listing.GetProperty("routing")}");
        Assert.Contains("SR", modalities);
        Assert.Contains("OT", modalities);

        var inStudy = await orthanc.InstancesOfStudyAsync(studyUid);
        Assert.Equal(sourceInstances + objects.Count, inStudy.Count);
        var series = await orthanc.Http.GetFromJsonAsync<JsonElement>($"studies/{await OrthancStudyIdAsync(orthanc, studyUid)}/series");
        var seriesModalities = series.EnumerateArray().Select(s => s.GetProperty("MainDicomTags").GetProperty("Modality").GetString()).Order().ToList();
        Assert.Equal(["CT", .. modalities.Distinct()], seriesModalities);

        using var retry = await gateway.PostAsync($"/results/{id}/routing/pacs/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var firstSentAt = Pacs(listing).GetProperty("sentAt").GetString();
        var again = await WaitForRoutingAsync(gateway, id, "sent", notSentAt: firstSentAt);
        Assert.Equal(sourceInstances + objects.Count, (await orthanc.InstancesOfStudyAsync(studyUid)).Count);
        output.WriteLine($"after the retry: {again.GetProperty("routing")}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static JsonElement Pacs(JsonElement listing) =>
        listing.GetProperty("routing").EnumerateArray().SingleOrDefault(r => r.GetProperty("destination").GetString() == "pacs");

    /// <param name="notSentAt">A send time the state must no longer have (a send after the admin's retry).</param>
    private static async Task<JsonElement> WaitForRoutingAsync(HttpClient gateway, string id, string state, string? notSentAt = null)
    {
        var deadline = DateTime.UtcNow + Timeout;
        JsonElement listing;
        do
        {
            listing = await gateway.GetFromJsonAsync<JsonElement>($"/results/{id}/dicom");
            if (Pacs(listing) is { ValueKind: JsonValueKind.Object } pacs && pacs.GetProperty("state").GetString() == state &&
                (notSentAt is null || pacs.GetProperty("sentAt").GetString() != notSentAt))
            {
                return listing;
            }

            await Task.Delay(500);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"Routing to pacs did not reach '{state}': {listing}");
    }

    private static async Task<string> OrthancStudyIdAsync(Orthanc orthanc, string studyUid)
    {
        using var response = await orthanc.Http.PostAsJsonAsync("tools/find", new { Level = "Study", Query = new { StudyInstanceUID = studyUid } }, new JsonSerializerOptions());
        response.EnsureSuccessStatusCode();
        return Assert.Single((await response.Content.ReadFromJsonAsync<List<string>>())!);
    }

    private static string StudyInstanceUid(string path) =>
        HeadCt.Dicom.DicomReader.ReadFile(path, new HeadCt.Dicom.DicomReadOptions { StopBeforePixelData = true }).Dataset
            .GetString(HeadCt.Dicom.DicomTags.StudyInstanceUid)!;
}
