using Azure.Storage.Blobs;
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

        using var form = Uploads.Of(marked.Select((file, i) => ($"{i}.dcm", file)));
        using var upload = await gateway.PostAsync("/upload", form);
        var body = await upload.Content.ReadAsStringAsync();
        Assert.True(upload.IsSuccessStatusCode, $"Upload answered {(int)upload.StatusCode}: {body}");
        var id = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        var (result, _) = await ResultPolling.WaitForStatusAsync(gateway, id, JobTimeout, "completed");

        var container = new BlobServiceClient(await fixture.GetStorageConnectionStringAsync()).GetBlobContainerClient("dicom");
        var stored = new List<byte[]>();
        await foreach (var item in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = $"studies/{id}/instances/" }))
        {
            stored.Add((await container.GetBlobClient(item.Name).DownloadContentAsync()).Value.Content.ToArray());
        }

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
    }
}
