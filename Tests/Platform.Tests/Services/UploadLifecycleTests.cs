using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HeadCt.Platform.Tests.Security;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Services;

/// <summary>The whole path of a real head CT series: upload, processing, result, metadata, delete.</summary>
[Collection(ServicesCollection.Name)]
public sealed class UploadLifecycleTests(ServicesAppFixture fixture)
{
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task GivenRealCtSeries_WhenUploaded_ThenItCompletesWithTheSeriesSummaryOfItsFiles()
    {
        var files = CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries);
        using var gateway = fixture.CreateGatewayClient();

        using var form = Uploads.OfFiles(files);
        using var upload = await gateway.PostAsync("/upload", form);
        var uploadBody = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var id = uploadBody.GetProperty("id").GetString()!;
        Assert.Equal($"/results/{id}", upload.Headers.Location?.OriginalString);
        Assert.Equal("queued", uploadBody.GetProperty("status").GetString());
        Assert.Equal(files.Count, uploadBody.GetProperty("accepted").GetArrayLength());
        Assert.Equal(0, uploadBody.GetProperty("rejected").GetArrayLength());
        var firstAccepted = uploadBody.GetProperty("accepted")[0];
        Assert.Equal(new FileInfo(files[0]).Length, firstAccepted.GetProperty("size").GetInt64());

        var (document, _) = await ResultPolling.WaitForStatusAsync(gateway, id, ProcessingTimeout, "completed", "failed");

        Assert.Equal("completed", document.GetProperty("status").GetString());
        Assert.Equal(1, document.GetProperty("attempts").GetInt64());
        Assert.True(document.GetProperty("completedAt").GetDateTimeOffset() >= document.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Object, document.GetProperty("prediction").ValueKind);
        var series = Assert.Single(document.GetProperty("series").EnumerateArray());
        var sample = File.ReadAllBytes(files[0]);
        Assert.Equal(ExplicitLittleEndianTagScanner.ReadString(sample, 0x0020, 0x000E), series.GetProperty("seriesInstanceUid").GetString());
        Assert.Equal(CorpusFiles.ManifestValue(files[0], "modality"), series.GetProperty("modality").GetString());
        Assert.Equal(files.Count, series.GetProperty("instanceCount").GetInt32());
        Assert.Equal(int.Parse(CorpusFiles.ManifestValue(files[0], "rows")), series.GetProperty("rows").GetInt32());
        Assert.Equal(int.Parse(CorpusFiles.ManifestValue(files[0], "columns")), series.GetProperty("columns").GetInt32());
        Assert.Equal(CorpusFiles.ManifestValue(files[0], "transfer_syntax_uid"), series.GetProperty("transferSyntaxUid").GetString());
        Assert.True(series.GetProperty("analysed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, series.GetProperty("skipReason").ValueKind);
    }

    [Fact]
    public async Task GivenCompletedStudy_WhenMetadataIsPutWithFreshThenStaleETag_ThenFirstIs200AndSecondIs412()
    {
        using var gateway = fixture.CreateGatewayClient();
        // A review decision needs a finding: a phantom head the model applies to.
        var id = await StudyUploader.UploadAsync(gateway, PhantomHeads.WithSubduralLesion());
        var (_, freshETag) = await ResultPolling.WaitForStatusAsync(gateway, id, ProcessingTimeout, "completed");

        using var first = await PutMetadataAsync(gateway, id, freshETag, new
        {
            comment = "Reviewed at the morning meeting",
            review = new { decision = "agree" },
            tags = new Dictionary<string, string> { ["site"] = "north", ["protocol"] = "head-routine" },
        });
        var updated = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        using var stale = await PutMetadataAsync(gateway, id, freshETag, new { comment = "A lost update" });
        using var current = await gateway.GetAsync($"/results/{id}");
        var stored = JsonDocument.Parse(await current.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(freshETag, first.Headers.ETag?.ToString());
        Assert.Equal("agree", updated.GetProperty("metadata").GetProperty("review").GetProperty("decision").GetString());
        Assert.Equal(TestCredentials.DevKeyName, updated.GetProperty("metadata").GetProperty("review").GetProperty("reviewer").GetString());
        Assert.Equal("north", updated.GetProperty("metadata").GetProperty("tags").GetProperty("site").GetString());
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed, "precondition-failed");
        Assert.Equal(first.Headers.ETag?.ToString(), current.Headers.ETag?.ToString());
        Assert.Equal("Reviewed at the morning meeting", stored.GetProperty("metadata").GetProperty("comment").GetString());
    }

    [Fact]
    public async Task GivenStudy_WhenDeletedTwice_ThenFirstIs204SecondIs404AndNoBlobOfItRemains()
    {
        using var gateway = fixture.CreateGatewayClient();
        var probe = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        var id = await StudyUploader.UploadAsync(gateway, CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries).Take(3));
        await ResultPolling.WaitForStatusAsync(gateway, id, ProcessingTimeout, "completed");
        Assert.NotEmpty(await probe.ListAsync(StorageProbe.DicomContainer, $"studies/{id}/"));

        using var first = await gateway.DeleteAsync($"/results/{id}");
        using var second = await gateway.DeleteAsync($"/results/{id}");
        using var read = await gateway.GetAsync($"/results/{id}");

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        await ProblemAssert.IsProblemAsync(second, HttpStatusCode.NotFound, "study-not-found");
        await ProblemAssert.IsProblemAsync(read, HttpStatusCode.NotFound, "study-not-found");
        Assert.Empty(await probe.ListAsync(StorageProbe.DicomContainer, $"studies/{id}/"));
        Assert.Empty(await probe.ListAsync(StorageProbe.ResultsContainer, $"{id}/"));
    }

    [Fact]
    public async Task GivenQueuedStudy_WhenDeletedBeforeItRuns_ThenTheWorkerDropsItAndNothingIsRecreated()
    {
        using var gateway = fixture.CreateGatewayClient();
        var probe = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        var id = await StudyUploader.UploadAsync(gateway, CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries).Take(1));

        using var delete = await gateway.DeleteAsync($"/results/{id}");
        // Longer than the pipeline pause: a job that ignored the deletion would have written its result by now.
        await Task.Delay(ServicesAppFixture.PipelineDelay * 2);

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Empty(await probe.ListAsync(StorageProbe.ResultsContainer, $"{id}/"));
        Assert.Empty(await probe.ListAsync(StorageProbe.DicomContainer, $"studies/{id}/"));
    }

    [Fact]
    public async Task GivenStudyNotYetCompleted_WhenProjectionsAreRequested_Then409WithStatus_AndAfterCompletionProjectionsAndAttentionMaps()
    {
        using var gateway = fixture.CreateGatewayClient();
        var id = await StudyUploader.UploadAsync(gateway, CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries).Take(3));

        using var early = await gateway.GetAsync($"/projections/{id}");
        var earlyProblem = await ProblemAssert.IsProblemAsync(early, HttpStatusCode.Conflict, "not-completed");
        await ResultPolling.WaitForStatusAsync(gateway, id, ProcessingTimeout, "completed");
        using var projections = await gateway.GetAsync($"/projections/{id}");
        using var attentionMaps = await gateway.GetAsync($"/attention-maps/{id}");

        Assert.Contains(earlyProblem.GetProperty("studyStatus").GetString(), new[] { "queued", "processing" });
        Assert.Equal(HttpStatusCode.OK, projections.StatusCode);
        // Three slices of a head are not a whole head: the model does not apply, so there is no attention to serve.
        await ProblemAssert.IsProblemAsync(attentionMaps, HttpStatusCode.NotFound, "attention-not-available");
    }

    private static Task<HttpResponseMessage> PutMetadataAsync(HttpClient gateway, string id, string ifMatch, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/results/{id}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return gateway.SendAsync(request);
    }
}
