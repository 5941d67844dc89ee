using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using HeadCt.Platform.Tests.Infrastructure;
using HeadCt.Platform.Tests.Security;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Services;

/// <summary>
/// Issue 16, outages: with the processor down, gateway reads and uploads hung 30 s before 503 and /health said 200
/// "Healthy"; with Azurite gone mid-upload the answer took 382 s; a failed upload's cleanup left orphan instance
/// blobs that nothing removed, and a part refused with 413 left its staged blocks in storage. Now calls time out in
/// seconds, an open circuit refuses at once (and says so), /health reports "Degraded", and the sweeper removes what an
/// unfinished study left.
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class OutageTests(ServicesAppFixture fixture)
{
    [Fact]
    public async Task GivenTheProcessorIsDown_WhenTheGatewayIsAsked_ThenItRefusesAtOnceOnceTheCircuitOpensAndReportsDegraded()
    {
        using var gateway = fixture.CreateGatewayClient();
        var probe = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        var before = await probe.ListAsync(StorageProbe.DicomContainer, "studies/");
        var answers = new List<(HttpStatusCode Status, JsonElement Problem, TimeSpan? RetryAfter)>();
        string health;
        HttpResponseMessage upload;

        await fixture.StopProjectAsync(ResourceNames.Processor);
        try
        {
            for (var i = 0; i < 4; i++)
            {
                using var read = await gateway.GetAsync($"/results/{Guid.NewGuid():N}");
                answers.Add((read.StatusCode, JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement.Clone(), read.Headers.RetryAfter?.Delta));
            }

            health = await gateway.GetStringAsync("/health");
            upload = await gateway.PostAsync("/upload", Uploads.OfFiles(CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries).Take(2)));
        }
        finally
        {
            await fixture.StartProjectAsync(ResourceNames.Processor);
        }

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status));
        Assert.All(answers, answer => Assert.EndsWith("processor-unavailable", answer.Problem.GetProperty("type").GetString()));
        Assert.True(answers[^1].Problem.GetProperty("refusedAtOnce").GetBoolean(), "The open circuit must refuse without calling the processor.");
        Assert.NotNull(answers[^1].RetryAfter);
        Assert.Equal("Degraded", health);
        await ProblemAssert.IsProblemAsync(upload, HttpStatusCode.ServiceUnavailable, "processor-unavailable");
        Assert.Empty((await probe.ListAsync(StorageProbe.DicomContainer, "studies/")).Except(before));
        Assert.Equal("Healthy", await gateway.GetStringAsync("/health"));
    }

    /// <remarks>
    /// Storage is stopped on purpose (the supervisor leaves a requested stop alone) and stays away until the upload has
    /// been answered: a SIGKILL is restarted by the supervisor within a second or two, which the storage client's
    /// retries may bridge, and then 202 is the right answer (SupervisorTests covers the restart).
    /// </remarks>
    [Fact]
    public async Task GivenStorageGoneMidUpload_WhenTheUploadEnds_Then503AndOnceStorageIsBackNothingOfTheStudyRemains()
    {
        var connection = await fixture.GetStorageConnectionStringAsync();
        var container = new BlobServiceClient(connection).GetBlobContainerClient(StorageProbe.DicomContainer);
        var pendingBefore = await ListAsync(container, "pending/", BlobStates.None);
        using var gateway = fixture.CreateGatewayClient();
        var files = CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries).Take(6).ToArray();
        using var form = Uploads.OfFiles(files);
        var content = new GatedContent(form, (int)(new FileInfo(files[0]).Length + new FileInfo(files[1]).Length + 1024));
        content.Headers.ContentType = form.Headers.ContentType;
        HttpResponseMessage response;
        List<string> studyPending;

        var upload = gateway.PostAsync("/upload", content);
        try
        {
            await content.FirstHalfSent;
            studyPending = await WaitForNewAsync(container, "pending/", pendingBefore);
            await fixture.StopProjectAsync(ResourceNames.Storage);
            content.Open();
            response = await upload;
        }
        finally
        {
            content.Open();
            await fixture.StartProjectAsync(ResourceNames.Storage);
        }

        // What the upload left before storage went away goes by the sweeper once storage is back.
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable, "storage-unavailable");
        await WaitUntilGoneAsync(container, Assert.Single(studyPending)["pending/".Length..]);
    }

    [Fact]
    public async Task GivenBlobsAndStagedBlocksOfAStudyThatNeverGotItsRecord_WhenTheGracePeriodPasses_ThenTheSweeperRemovesThemAndSparesRecordedStudies()
    {
        var container = new BlobServiceClient(await fixture.GetStorageConnectionStringAsync()).GetBlobContainerClient(StorageProbe.DicomContainer);
        var orphan = Guid.NewGuid().ToString("N");
        var slice = await File.ReadAllBytesAsync(CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries)[0]);
        await container.UploadBlobAsync($"pending/{orphan}", BinaryData.Empty);
        await container.UploadBlobAsync($"studies/{orphan}/instances/000001.dcm", BinaryData.FromBytes(slice));
        await container.GetBlockBlobClient($"studies/{orphan}/instances/000002.dcm")
            .StageBlockAsync(Convert.ToBase64String(new byte[16]), new MemoryStream(slice));
        using var gateway = fixture.CreateGatewayClient();
        var recorded = await StudyUploader.UploadAsync(gateway, CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries).Take(1));

        await WaitUntilGoneAsync(container, orphan);

        Assert.NotEmpty(await ListAsync(container, $"studies/{recorded}/", BlobStates.None));
        using var delete = await gateway.DeleteAsync($"/results/{recorded}");
    }

    [Fact]
    public async Task GivenAPartLargerThanTheFileLimitWhileItStreamsToStorage_WhenRefused_Then413AndNoStagedBlockRemains()
    {
        var container = new BlobServiceClient(await fixture.GetStorageConnectionStringAsync()).GetBlobContainerClient(StorageProbe.DicomContainer);
        var before = await ListAsync(container, "studies/", BlobStates.Uncommitted);
        // A valid header, then more than MaxFileSizeBytes: it streams to a blob in 4 MiB blocks until the limit cuts it.
        var oversized = (await File.ReadAllBytesAsync(CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries)[0]))
            .Concat(new byte[ServicesAppFixture.MaxFileSizeBytes * 2]).ToArray();
        using var gateway = fixture.CreateGatewayClient();

        using var response = await gateway.PostAsync("/upload", Uploads.Of([("oversized.dcm", oversized)]));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Equal("MaxFileSizeBytes", problem.GetProperty("limit").GetString());
        Assert.Empty((await ListAsync(container, "studies/", BlobStates.Uncommitted)).Except(before));
    }

    /// <summary>Blob names (committed, or with <see cref="BlobStates.Uncommitted"/> staged ones too) under a prefix.</summary>
    private static async Task<List<string>> ListAsync(BlobContainerClient container, string prefix, BlobStates states)
    {
        var names = new List<string>();
        if (!await container.ExistsAsync())
        {
            return names;
        }

        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix, States = states }))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private static async Task<List<string>> WaitForNewAsync(BlobContainerClient container, string prefix, List<string> before)
    {
        for (var tries = 0; tries < 100; tries++)
        {
            var added = (await ListAsync(container, prefix, BlobStates.None)).Except(before).ToList();
            if (added.Count > 0)
            {
                return added;
            }

            await Task.Delay(100);
        }

        return [];
    }

    /// <summary>Waits (grace period, then sweeps every second) until no blob, staged block or marker of the study remains.</summary>
    private static async Task WaitUntilGoneAsync(BlobContainerClient container, string? studyId)
    {
        Assert.NotNull(studyId);
        var deadline = DateTime.UtcNow + ServicesAppFixture.SweeperGracePeriod * 5;
        List<string> left;
        do
        {
            left = [.. await ListAsync(container, $"studies/{studyId}/", BlobStates.Uncommitted), .. await ListAsync(container, $"pending/{studyId}", BlobStates.None)];
            if (left.Count == 0)
            {
                return;
            }

            await Task.Delay(500);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"Left behind: {string.Join(", ", left)}");
    }
}
