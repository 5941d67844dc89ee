using HeadCt.Dicom;
using HeadCt.Platform.Tests.Infrastructure;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Security;

/// <summary>
/// Issue 7.3, the switch: the platform fixture's gateway runs with <c>Upload:Deidentify</c> on. A series carrying PHI
/// markers goes through the real gateway; what lands in blob storage must be de-identified (PS3.15 Basic Profile)
/// and still a study the processor reads to completion.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DeidentifiedIngestTests(PlatformAppFixture fixture)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);

    private readonly PhiMarkers _markers = new();

    [Fact]
    public async Task GivenDeidentificationOn_WhenAMarkedSeriesIsUploaded_ThenStoredInstancesCarryPseudonymsAndNoMarkerAndTheStudyCompletes()
    {
        using var gateway = fixture.CreateGatewayClient();
        var marked = CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries).Take(12).Select(path => _markers.Mark(File.ReadAllBytes(path))).ToArray();
        Assert.NotEmpty(_markers.FoundIn(marked[0]));

        // Client file names often carry a patient's name or an accession number (issue 16: they were stored).
        var clientName = "DOE-JANE-ACC" + Guid.NewGuid().ToString("N")[..8];
        using var upload = await gateway.PostAsync("/upload", Uploads.Of(marked.Select((file, i) => ($"{clientName}-{i}.dcm", file))));
        var answer = await upload.Content.ReadAsStringAsync();
        var id = System.Text.Json.JsonDocument.Parse(answer).RootElement.GetProperty("id").GetString()!;
        var (result, _) = await ResultPolling.WaitForStatusAsync(gateway, id, JobTimeout, "completed");

        var probe = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        var stored = await probe.ReadAllAsync(StorageProbe.DicomContainer, $"studies/{id}/instances/");

        Assert.Equal(marked.Length, stored.Count);
        foreach (var instance in stored)
        {
            Assert.Empty(_markers.FoundIn(instance));
            var dataset = DicomReader.Read(instance).Dataset;
            Assert.Equal("ANONYMOUS", dataset.GetString(DicomTags.PatientName));
            Assert.Equal("ANON-" + id, dataset.GetString(DicomTags.PatientId));
            Assert.Equal("YES", dataset.GetString(new DicomTag(0x0012, 0x0062)));
        }

        Assert.Empty(_markers.FoundIn(result.GetRawText()));
        Assert.DoesNotContain(clientName, answer);
        var record = System.Text.Encoding.UTF8.GetString(Assert.Single(await probe.ReadAllAsync(StorageProbe.DicomContainer, $"studies/{id}/study.json")));
        Assert.DoesNotContain(clientName, record);
        Assert.Contains("\"file 1\"", record);
    }
}
