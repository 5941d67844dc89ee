using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Azure.Storage.Queues;
using HeadCt.Inference.Phantoms;
using HeadCt.Platform.Tests.Infrastructure;
using HeadCt.Platform.Tests.Security;
using HeadCt.Platform.Tests.Support;
using Xunit.Abstractions;

namespace HeadCt.Platform.Tests.Scaling;

/// <summary>
/// Issue 21: processors scale out by replicas that share the queue. The real AppHost runs three processor replicas;
/// thirty small studies are uploaded at once, and one replica is killed with SIGKILL while it processes some of them.
/// Every study must complete, exactly once (one "completed" log line per study across all replicas and runs), none
/// lost, with one result document and one stored view each, no claim or message left behind; and every replica,
/// asked directly, must draw the same bytes for the same image.
/// </summary>
[Collection(ReplicaCollection.Name)]
public sealed class ReplicaTests(ITestOutputHelper output) : IDisposable
{
    private const int Replicas = 3;
    private const int Studies = 30;
    private static readonly TimeSpan PipelineDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CompletionTimeout = TimeSpan.FromMinutes(4);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "headct-replicas", Guid.NewGuid().ToString("N"));
    private readonly CapturedLogs _logs = new();

    [Fact]
    public async Task GivenThreeProcessorReplicas_WhenOneIsKilledDuringThirtyUploads_ThenEveryStudyCompletesOnceAndEveryReplicaDrawsTheSameImages()
    {
        using var startup = new CancellationTokenSource(PlatformAppFixture.StartupTimeout);
        await using var app = await AppHostLauncher.StartAsync(_logs, Path.Combine(_folder, "data"),
            [$"Parameters:processor-replicas={Replicas}"], startup.Token, builder =>
            {
                var processor = builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == ResourceNames.Processor);
                builder.CreateResourceBuilder(processor)
                    .WithEnvironment("Pipeline__TestDelay", PipelineDelay.ToString())
                    .WithEnvironment("Worker__VisibilityTimeout", VisibilityTimeout.ToString())
                    .WithEnvironment("Worker__PollInterval", "00:00:00.250")
                    .WithEnvironment("Worker__ClaimDuration", "00:00:15");
                // Thirty uploads at once queue thirty jobs through the proxy while three replicas warm up on two cores.
                var gatewayResource = builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == ResourceNames.Gateway);
                builder.CreateResourceBuilder(gatewayResource).WithEnvironment("Processor__CallTimeout", "00:00:30");
            });
        foreach (var resource in ResourceNames.All)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, startup.Token);
        }

        var processors = new ReplicaInstances(app, ResourceNames.Processor);
        await processors.DiscoverAsync(Replicas, startup.Token);
        foreach (var replica in processors.Ids)
        {
            await processors.WaitForNewHealthyRunAsync(replica, previousStart: null, startup.Token);
        }

        using var gateway = app.CreateHttpClient(ResourceNames.Gateway, "http");
        gateway.Timeout = TimeSpan.FromMinutes(2);
        gateway.DefaultRequestHeaders.Add(TestCredentials.ApiKeyHeader, TestCredentials.DevApiKey);

        var uploads = Enumerable.Range(0, Studies).Select(seed => PhantomDicomWriter.Write(
            HeadPhantomGenerator.Generate(HeadPhantomSpec.Random(1000 + seed, seed % 2 == 0 ? LesionKind.Intraparenchymal : null)),
            Path.Combine(_folder, $"study-{seed}"))).ToList();
        var ids = await Task.WhenAll(uploads.Select(files => StudyUploader.UploadAsync(gateway, files)));
        Assert.Equal(Studies, ids.Distinct().Count());

        // The victim is the first replica seen starting a job it has not finished yet.
        using var midJob = new CancellationTokenSource(CompletionTimeout);
        var (victim, interrupted) = await WaitForReplicaInMidJobAsync(processors, ids, midJob.Token);
        var victimStart = processors.Snapshot(victim).StartTimeStamp;
        processors.Kill(victim);
        output.WriteLine($"killed {victim} while it processed {string.Join(", ", interrupted)}");

        var documents = new ConcurrentDictionary<string, JsonElement>();
        await Task.WhenAll(ids.Select(async id =>
            documents[id] = (await ResultPolling.WaitForStatusAsync(gateway, id, CompletionTimeout, "completed", "failed")).Document));

        Assert.All(ids, id => Assert.True(documents[id].GetProperty("status").GetString() == "completed", documents[id].ToString()));
        Assert.All(interrupted, id => Assert.True(documents[id].GetProperty("attempts").GetInt64() >= 2,
            $"{id} was interrupted by the kill but records one attempt: {documents[id]}"));
        // A job logs "completed" just after it writes the result: give the last lines a moment to arrive.
        var completions = CompletionCounts(processors, ids);
        for (var wait = 0; wait < 40 && completions.Values.Any(count => count == 0); wait++)
        {
            await Task.Delay(250);
            completions = CompletionCounts(processors, ids);
        }

        Assert.All(ids, id => Assert.True(completions[id] == 1, $"{id} completed {completions[id]} times"));

        var storage = await app.GetConnectionStringAsync(ResourceNames.Storage) ?? throw new InvalidOperationException("No storage connection string.");
        await AssertNothingDuplicatedOrLeftAsync(new StorageProbe(storage), storage, ids, documents);

        // The killed replica is started again by the AppHost's supervisor; then all three answer.
        using var restart = new CancellationTokenSource(PlatformAppFixture.ResourceTimeout);
        await processors.WaitForNewHealthyRunAsync(victim, victimStart, restart.Token);
        foreach (var id in interrupted.Concat(ids.Take(2)).Distinct())
        {
            await AssertEveryReplicaDrawsTheSameAsync(processors, id, documents[id]);
        }

        processors.StopFollowing();
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

    private async Task<(string Replica, IReadOnlyList<string> Studies)> WaitForReplicaInMidJobAsync(
        ReplicaInstances processors, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        while (true)
        {
            foreach (var replica in processors.Ids)
            {
                var lines = processors.Output(replica);
                var running = ids.Where(id => lines.Any(line => line.Contains($"Job {id} started", StringComparison.Ordinal)) &&
                                              !lines.Any(line => line.Contains($"Job {id} completed", StringComparison.Ordinal))).ToList();
                if (running.Count > 0)
                {
                    return (replica, running);
                }
            }

            if (cancellationToken.IsCancellationRequested)
            {
                var categories = _logs.Lines.Select(line => line.Category).Where(category => category.Contains(".Resources.", StringComparison.Ordinal))
                    .Distinct().Order(StringComparer.Ordinal);
                throw new TimeoutException($"No replica of {string.Join(", ", processors.Ids)} was seen in mid-job " +
                    $"({string.Join(", ", processors.Ids.Select(id => $"{id}: {processors.Output(id).Count} lines"))}). " +
                    $"Resource log categories: {string.Join(", ", categories)}{Environment.NewLine}{_logs.Tail(40)}");
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    /// <summary>"Job {id} completed" lines per study, over every processor replica's output in all its runs.</summary>
    private static Dictionary<string, int> CompletionCounts(ReplicaInstances processors, IReadOnlyList<string> ids)
    {
        var pattern = new Regex(@"Job ([0-9a-f]{32}) completed in", RegexOptions.CultureInvariant);
        var counts = ids.ToDictionary(id => id, _ => 0);
        foreach (var line in processors.Ids.SelectMany(processors.Output))
        {
            if (pattern.Match(line) is { Success: true } match && counts.ContainsKey(match.Groups[1].Value))
            {
                counts[match.Groups[1].Value]++;
            }
        }

        return counts;
    }

    private static async Task AssertNothingDuplicatedOrLeftAsync(
        StorageProbe probe, string storage, IReadOnlyList<string> ids, IReadOnlyDictionary<string, JsonElement> documents)
    {
        foreach (var id in ids)
        {
            var stored = (await probe.ListAsync(StorageProbe.ResultsContainer, $"{id}/")).Order(StringComparer.Ordinal).ToList();
            List<string> expected = [$"{id}/result.json", $"{id}/view/volume.hcvl"];
            if (documents[id].GetProperty("prediction").TryGetProperty("attention", out var attention) && attention.ValueKind == JsonValueKind.Object)
            {
                expected.Add($"{id}/attention/grid.f32");
            }

            // The DICOM result objects (SC, SR, SEG) the document lists, each once: no attempt added a second set.
            expected.AddRange(documents[id].GetProperty("dicomObjects").EnumerateArray()
                .Select(item => $"{id}/dicom/{item.GetProperty("sopInstanceUid").GetString()}.dcm"));
            Assert.Equal(expected.Order(StringComparer.Ordinal), stored);
        }

        // Claims are released and messages deleted as each job ends; a message put back while another replica held its
        // study comes back, finds the outcome and is deleted too.
        var queue = new QueueServiceClient(storage).GetQueueClient("jobs");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        int messages;
        IReadOnlyList<string> claims;
        do
        {
            await Task.Delay(500);
            messages = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            claims = await probe.ListAsync("job-claims", "");
        }
        while ((messages > 0 || claims.Count > 0) && DateTime.UtcNow < deadline);

        Assert.True(messages == 0, $"{messages} job messages left on the queue");
        Assert.True(claims.Count == 0, $"claims left: {string.Join(", ", claims)}");
    }

    private async Task AssertEveryReplicaDrawsTheSameAsync(ReplicaInstances processors, string id, JsonElement document)
    {
        var slices = document.GetProperty("imaging").GetProperty("geometry").GetProperty("sizeZ").GetInt32();
        List<string> links = [$"/studies/{id}/slices/{slices / 2}.png?window=brain", $"/projections/{id}/coronal.png?window=bone&mode=mip&slab=10"];
        if (document.GetProperty("prediction").TryGetProperty("attention", out var attention) && attention.ValueKind == JsonValueKind.Object)
        {
            var key = attention.GetProperty("keySlices")[0].GetInt32();
            links.Add($"/attention-maps/{id}/overlays/{key}.png");
        }

        byte[][]? first = null;
        foreach (var replica in processors.Ids)
        {
            using var client = new HttpClient { BaseAddress = processors.Address(replica), Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Add("X-Service-Key", TestCredentials.ServiceKey);
            var images = new byte[links.Count][];
            for (var i = 0; i < links.Count; i++)
            {
                using var response = await client.GetAsync(links[i]);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{replica} {links[i]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                images[i] = await response.Content.ReadAsByteArrayAsync();
            }

            output.WriteLine($"{replica} at {client.BaseAddress} drew {links.Count} images of {id}");
            first ??= images;
            for (var i = 0; i < links.Count; i++)
            {
                Assert.True(first[i].SequenceEqual(images[i]), $"{replica} drew {links[i]} differently");
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ReplicaCollection
{
    public const string Name = "Processor replicas";
}
