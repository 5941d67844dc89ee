using System.Net;
using HeadCt.Platform.Tests.Infrastructure;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Security;

/// <summary>
/// Issue 7.5 faults not covered elsewhere (processor killed mid-job: Services/ProcessorCrashTests; Redis stopped:
/// Services/CacheOutageTests; storage down before an upload: Services/StorageOutageTests), with real processes.
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class FaultTests(ServicesAppFixture fixture)
{
    private static IReadOnlyList<string> Slices(int count) => [.. CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries).Take(count)];

    /// <summary>Decided and documented (README): 503 processor-unavailable with nothing stored; the client retries.</summary>
    [Fact]
    public async Task GivenTheProcessorIsDown_WhenUploading_Then503AndNothingStored_AndTheRetryAfterItReturnsCompletes()
    {
        using var gateway = fixture.CreateGatewayClient();
        var probe = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        var before = await probe.ListAsync(StorageProbe.DicomContainer, "studies/");
        var key = "fault-" + Guid.NewGuid().ToString("N");
        HttpResponseMessage refused;

        await fixture.StopProjectAsync(ResourceNames.Processor);
        try
        {
            refused = await UploadAsync(gateway, key);
        }
        finally
        {
            await fixture.StartProjectAsync(ResourceNames.Processor);
        }

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "processor-unavailable");
        // Nothing new; the sweeper may meanwhile remove what an earlier test's unfinished study left.
        Assert.Empty((await probe.ListAsync(StorageProbe.DicomContainer, "studies/")).Except(before));
        using var retry = await UploadAsync(gateway, key);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var id = System.Text.Json.JsonDocument.Parse(await retry.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        await ResultPolling.WaitForStatusAsync(gateway, id, TimeSpan.FromMinutes(2), "completed");
    }

    [Fact]
    public async Task GivenStorageStoppedMidUpload_WhenTheUploadEnds_Then503AndNoStudyIsVisible()
    {
        using var gateway = fixture.CreateGatewayClient();
        var probe = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        var recordsBefore = await RecordsAsync(probe);
        var files = Slices(6);
        using var form = Uploads.OfFiles(files);
        var firstTwo = (int)(new FileInfo(files[0]).Length + new FileInfo(files[1]).Length + 1024);
        var content = new GatedContent(form, firstTwo);
        content.Headers.ContentType = form.Headers.ContentType;
        HttpResponseMessage response;

        var upload = gateway.PostAsync("/upload", content);
        try
        {
            await content.FirstHalfSent;
            await Task.Delay(TimeSpan.FromSeconds(1));
            await fixture.StopAsync(ResourceNames.Storage);
            await fixture.WaitForStoppedAsync(ResourceNames.Storage);
            content.Open();
            response = await upload;
        }
        finally
        {
            content.Open();
            await fixture.StartAsync(ResourceNames.Storage);
            await fixture.WaitForHealthyAsync(ResourceNames.Storage);
        }

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "storage-unavailable");
        Assert.Equal(recordsBefore, await RecordsAsync(probe));
        await fixture.WaitForHealthyAsync(ResourceNames.Gateway);
        await fixture.WaitForHealthyAsync(ResourceNames.Processor);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient gateway, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/upload") { Content = Uploads.OfFiles(Slices(4)) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await gateway.SendAsync(request);
    }

    /// <summary>Study records: a study is visible (listed, readable) only once its record is written.</summary>
    private static async Task<IReadOnlyList<string>> RecordsAsync(StorageProbe probe) =>
        [.. (await probe.ListAsync(StorageProbe.DicomContainer, "studies/")).Where(name => name.EndsWith("/study.json", StringComparison.Ordinal))];
}
