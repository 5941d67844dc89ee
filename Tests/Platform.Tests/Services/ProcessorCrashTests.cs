using System.Net;
using HeadCt.Platform.Tests.Infrastructure;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Services;

/// <summary>A processor that dies mid-job: the queue message comes back and the job completes exactly once.</summary>
[Collection(ServicesCollection.Name)]
public sealed class ProcessorCrashTests(ServicesAppFixture fixture)
{
    [Fact]
    public async Task GivenJobProcessing_WhenProcessorIsStoppedAndStarted_ThenTheJobCompletesOnceWithTwoAttempts()
    {
        using var gateway = fixture.CreateGatewayClient();
        var probe = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        var files = CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries).Take(4).ToList();
        var id = await StudyUploader.UploadAsync(gateway, files);
        // The pipeline pauses for PipelineDelay after "processing" is written: stop inside that window.
        await ResultPolling.WaitForStatusAsync(gateway, id, TimeSpan.FromSeconds(30), "processing");

        try
        {
            await fixture.StopProjectAsync(ResourceNames.Processor);
        }
        finally
        {
            await fixture.StartProjectAsync(ResourceNames.Processor);
        }

        var (document, _) = await ResultPolling.WaitForStatusAsync(
            gateway, id, ServicesAppFixture.VisibilityTimeout * 6, "completed", "failed");

        Assert.Equal("completed", document.GetProperty("status").GetString());
        Assert.Equal(2, document.GetProperty("attempts").GetInt64());
        Assert.Equal(files.Count, Assert.Single(document.GetProperty("series").EnumerateArray()).GetProperty("instanceCount").GetInt32());
        var stored = await probe.ListAsync(StorageProbe.ResultsContainer, $"{id}/");
        Assert.Single(stored, name => name.EndsWith(".json", StringComparison.Ordinal));
        Assert.Contains($"{id}/result.json", stored);
        Assert.All(stored.Where(name => !name.EndsWith(".json", StringComparison.Ordinal)), name =>
            Assert.True(name.StartsWith($"{id}/projections/", StringComparison.Ordinal) || name.StartsWith($"{id}/slices/", StringComparison.Ordinal)
                || name.StartsWith($"{id}/attention/", StringComparison.Ordinal) || name.StartsWith($"{id}/view/", StringComparison.Ordinal)
                || name.StartsWith($"{id}/dicom/", StringComparison.Ordinal), name));
        // The DICOM result objects of the interrupted attempt were replaced, not added to (same UIDs).
        Assert.Equal(
            document.GetProperty("dicomObjects").EnumerateArray().Select(o => $"{id}/dicom/{o.GetProperty("sopInstanceUid").GetString()}.dcm").Order(),
            stored.Where(name => name.StartsWith($"{id}/dicom/", StringComparison.Ordinal)).Order());
        using var health = await gateway.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
