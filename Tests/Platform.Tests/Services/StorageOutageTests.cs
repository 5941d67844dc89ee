using System.Net;
using HeadCt.Platform.Tests.Infrastructure;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Services;

/// <summary>
/// An upload while blob storage is down fails cleanly with 503 and leaves no study behind; meanwhile the gateway says
/// it is degraded (issue 16: its /health stayed "Healthy" through a storage outage).
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class StorageOutageTests(ServicesAppFixture fixture)
{
    [Fact]
    public async Task GivenStorageStopped_WhenUploading_Then503StorageUnavailable_AndNoStudyAppearsAfterStorageReturns()
    {
        using var gateway = fixture.CreateGatewayClient();
        var probe = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        var before = await probe.ListAsync(StorageProbe.DicomContainer, "studies/");
        HttpResponseMessage response;
        string health;

        await fixture.StopAsync(ResourceNames.Storage);
        try
        {
            await fixture.WaitForStoppedAsync(ResourceNames.Storage);
            using var form = Uploads.OfFiles(CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries).Take(2));
            response = await gateway.PostAsync("/upload", form);
            health = await gateway.GetStringAsync("/health");
        }
        finally
        {
            await fixture.StartAsync(ResourceNames.Storage);
            await fixture.WaitForHealthyAsync(ResourceNames.Storage);
        }

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "storage-unavailable");
        Assert.Equal("Degraded", health);
        Assert.Empty((await probe.ListAsync(StorageProbe.DicomContainer, "studies/")).Except(before)); // the sweeper may remove older leftovers meanwhile
        await fixture.WaitForHealthyAsync(ResourceNames.Gateway);
        await fixture.WaitForHealthyAsync(ResourceNames.Processor);
    }
}
