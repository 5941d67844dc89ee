using System.Net.Http.Headers;
using HeadCt.Platform.Tests.DicomWeb.Interop;
using HeadCt.Platform.Tests.Support;
using HeadCt.Processor.Routing;

namespace HeadCt.Platform.Tests.DicomResults;

/// <summary>
/// Routing to a PACS by DICOMweb: Debian's Orthanc holds the source study; the STOW-RS destination sends the result
/// objects and they appear in that study (checked through Orthanc's REST API), as new series; sending again stores
/// nothing twice (same SOP Instance UIDs).
/// </summary>
public sealed class StowRsRoutingTests(ResultObjectFixture fixture) : IClassFixture<ResultObjectFixture>
{
    [Fact]
    public async Task GivenOrthancHoldingTheSourceStudy_WhenTheObjectsAreSentTwice_ThenTheyAreInThatStudyOnce()
    {
        Assert.True(OrthancServer.IsInstalled, "Orthanc and its DICOMweb plugin are not installed (.ci/run installs them)");
        await using var orthanc = await OrthancServer.StartAsync(new Uri("http://127.0.0.1:9/dicom-web/"), "unused");
        foreach (var file in CorpusFiles.SeriesFiles(ResultObjectFixture.Series))
        {
            using var content = new ByteArrayContent(await File.ReadAllBytesAsync(file));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
            using var stored = await orthanc.Http.PostAsync("/instances", content);
            Assert.True(stored.IsSuccessStatusCode, await stored.Content.ReadAsStringAsync());
        }

        var destination = new StowRsDestination("orthanc", new Uri(orthanc.Http.BaseAddress!, "/dicom-web/studies"), orthanc.Http);
        var instances = fixture.Objects.Select(item => item.Bytes).ToList();
        await destination.SendAsync(instances, CancellationToken.None);
        await destination.SendAsync(instances, CancellationToken.None);

        var studies = await orthanc.PostJsonAsync("/tools/find", new { Level = "Study", Query = new { StudyInstanceUID = fixture.Source.StudyInstanceUid } });
        var study = Assert.Single(studies.EnumerateArray()).GetString();
        var series = await orthanc.GetJsonAsync($"/studies/{study}/series");
        var modalities = series.EnumerateArray().Select(s => s.GetProperty("MainDicomTags").GetProperty("Modality").GetString()).Order().ToList();
        Assert.Equal(["CT", "OT", "SEG", "SR"], modalities);
        var ours = await orthanc.PostJsonAsync("/tools/find", new { Level = "Instance", Query = new { StudyInstanceUID = fixture.Source.StudyInstanceUid, Modality = "SR\\OT\\SEG" } });
        Assert.Equal(fixture.Objects.Count, ours.GetArrayLength());
    }

    [Fact]
    public async Task GivenNothingListening_WhenSent_ThenTheReasonSaysTheDestinationCouldNotBeReached()
    {
        using var http = new HttpClient();
        var destination = new StowRsDestination("nowhere", new Uri("http://127.0.0.1:9/dicom-web/studies"), http);
        var error = await Assert.ThrowsAsync<DestinationException>(() => destination.SendAsync([fixture.Objects[0].Bytes], CancellationToken.None));
        Assert.Contains("could not be reached", error.Message);
    }
}
