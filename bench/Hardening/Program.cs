using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using HeadCt.Hardening;
using HeadCt.Imaging.Volume;
using HeadCt.Inference.Phantoms;
using HeadCt.Platform.Tests.Security;
using HeadCt.Platform.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Usage: dotnet run -c Release --project bench/Hardening [-- --skip-load --skip-large]
// (bench/Load must be built in Release first: dotnet build -c Release bench/Load; runs as root: /proc/<pid>/clear_refs)
var skipLoad = args.Contains("--skip-load");
var skipLarge = args.Contains("--skip-large");
var repository = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
var work = Path.Combine(Path.GetTempPath(), "headct-bench-hardening", Guid.NewGuid().ToString("N"));
var apiKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
var serviceKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
var uploaderKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; " +
                  $"load average {File.ReadAllText("/proc/loadavg").Trim()}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
[
    $"LocalServices:DataDirectory={Path.Combine(work, "data")}",
    $"Parameters:gateway-dev-api-key={apiKey}",
    $"Parameters:processor-service-key={serviceKey}",
]);
builder.Services.AddLogging(logging => logging.ClearProviders());
var gatewayProject = builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "gateway");
builder.CreateResourceBuilder(gatewayProject)
    .WithEnvironment("Auth__ApiKeys__1__Name", "bench-uploader")
    .WithEnvironment("Auth__ApiKeys__1__Role", "uploader")
    .WithEnvironment("Auth__ApiKeys__1__Key", uploaderKey);
await using var app = await builder.BuildAsync();
await app.StartAsync();
foreach (var resource in new[] { "storage", "cache", "processor", "gateway" })
{
    await app.ResourceNotifications.WaitForResourceHealthyAsync(resource);
}

var gatewayMemory = ProcessMemory.OfProject("gateway", Pid(app, "gateway"));
var processorMemory = ProcessMemory.OfProject("processor", Pid(app, "processor"));
using var gateway = app.CreateHttpClient("gateway", "http");
gateway.Timeout = TimeSpan.FromMinutes(30);
gateway.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
var scenarios = new List<Scenario>();

var warmUp = Phantom(33, 4.8, Path.Combine(work, "warm-up"));
Console.WriteLine($"warm-up: {await UploadAndWaitAsync(warmUp)}");
scenarios.Add(await MeasureAsync("idle for 10 s after a 33-slice study", async () =>
{
    await Task.Delay(TimeSpan.FromSeconds(10));
    return "-";
}));

var (study, series) = (HostileDicom.NewUid(), HostileDicom.NewUid());
var rle = Enumerable.Range(0, 3).Select(i => ($"rle{i}.dcm", HugeImages.RleSlice(8192, study, series, i))).ToArray();
scenarios.Add(await MeasureAsync($"3 RLE slices of 8192² ({rle.Sum(f => f.Item2.Length) / 1e6:F1} MB)", () => PostAsync(Uploads.Of(rle))));
scenarios.Add(await MeasureAsync("the same 3 slices written to storage past the gateway, then queued",
    () => ProcessPastTheGatewayAsync(rle.Select(f => f.Item2).ToArray())));
scenarios.Add(await MeasureAsync("1 slice declaring 65535²",
    () => PostAsync(Uploads.Of([("huge.dcm", HugeImages.DeclaredOnly(65535, 65535, study, series, 0))]))));

var slice = File.ReadAllBytes(CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries)[0]);
var claimed = new ZipBuilder().Add("a.dcm", slice).Build(repeatDirectory: 2_000_000, declaredEntries: 2_000_000);
scenarios.Add(await MeasureAsync($"zip of {claimed.Length / 1e6:F0} MB, 2,000,000 directory entries, end record says so",
    () => PostAsync(Uploads.Of([("claims.zip", claimed)]))));
scenarios.Add(await MeasureAsync("the same zip, three uploads at once", async () =>
    string.Join(", ", await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostAsync(Uploads.Of([("claims.zip", claimed)])))))));
var lying = new ZipBuilder().Add("a.dcm", slice).Build(repeatDirectory: 2_000_000, declaredEntries: 1);
claimed = [];
scenarios.Add(await MeasureAsync($"zip of {lying.Length / 1e6:F0} MB, 2,000,000 directory entries pointing at one, end record says 1",
    () => PostAsync(Uploads.Of([("lies.zip", lying)]))));
lying = [];

scenarios.Add(await MeasureAsync("20,000 refused requests (403), 100 at a time", () => FloodAsync(20_000)));

if (!skipLoad)
{
    scenarios.Add(await MeasureAsync("bench/Load: 20 concurrent uploads of 40 slices, 4 readers", RunLoadAsync));
}

if (!skipLarge)
{
    var large = Phantom(600, 0.3, Path.Combine(work, "large"));
    scenarios.Add(await MeasureAsync($"512×512×600 study ({large.Sum(f => new FileInfo(f).Length) / 1e6:F0} MB), upload to completed",
        () => UploadAndWaitAsync(large)));
    Directory.Delete(Path.Combine(work, "large"), recursive: true);
}

Console.WriteLine();
Console.WriteLine(Scenario.Table(scenarios));
await app.StopAsync();
Directory.Delete(work, recursive: true);
return;

async Task<Scenario> MeasureAsync(string name, Func<Task<string>> action)
{
    Console.WriteLine($"{name}…");
    GC.Collect();
    gatewayMemory.ResetPeak();
    processorMemory.ResetPeak();
    var clock = Stopwatch.StartNew();
    var answer = await action();
    var seconds = clock.Elapsed.TotalSeconds;
    var scenario = new Scenario(name, answer, seconds, gatewayMemory.PeakMiB, gatewayMemory.CurrentMiB, processorMemory.PeakMiB, processorMemory.CurrentMiB);
    Console.WriteLine($"  {scenario}");
    return scenario;
}

/// <summary>The answer to an upload; an accepted one is followed to its outcome, so the processor's work is measured too.</summary>
async Task<string> PostAsync(MultipartFormDataContent form)
{
    using (form)
    {
        using var response = await gateway.PostAsync("/upload", form);
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode == 202)
        {
            return $"202, {await OutcomeAsync(JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!)}";
        }

        var limit = response.Content.Headers.ContentType?.MediaType == "application/problem+json" &&
                    JsonDocument.Parse(body).RootElement.TryGetProperty("limit", out var named) ? $" {named.GetString()}" : "";
        return $"{(int)response.StatusCode}{limit}";
    }
}

async Task<string> OutcomeAsync(string id)
{
    while (true)
    {
        await Task.Delay(500);
        using var result = await gateway.GetAsync($"/results/{id}");
        var document = JsonDocument.Parse(await result.Content.ReadAsStringAsync()).RootElement;
        if (document.GetProperty("status").GetString() is "completed" or "failed")
        {
            var reason = document.GetProperty("failureReason").GetString();
            return $"{document.GetProperty("status").GetString()} after {document.GetProperty("attempts").GetInt32()} attempt(s)" +
                   (reason is null ? "" : $" ({reason})");
        }
    }
}

async Task<string> UploadAndWaitAsync(IReadOnlyList<string> files)
{
    using var form = new MultipartFormDataContent();
    foreach (var file in files)
    {
        var part = new StreamContent(File.OpenRead(file));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        form.Add(part, "files", Path.GetFileName(file));
    }

    using var upload = await gateway.PostAsync("/upload", form);
    var id = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    return $"{(int)upload.StatusCode}, {await OutcomeAsync(id)}";
}

async Task<string> ProcessPastTheGatewayAsync(byte[][] instances)
{
    var id = Guid.NewGuid().ToString("N");
    var dicom = new BlobServiceClient(await app.GetConnectionStringAsync("storage")).GetBlobContainerClient("dicom");
    for (var i = 0; i < instances.Length; i++)
    {
        await dicom.UploadBlobAsync($"studies/{id}/instances/{i + 1:D6}.dcm", BinaryData.FromBytes(instances[i]));
    }

    using var processor = app.CreateHttpClient("processor", "http");
    using var request = new HttpRequestMessage(HttpMethod.Post, "/process") { Content = System.Net.Http.Json.JsonContent.Create(new { id }) };
    request.Headers.Add("X-Service-Key", serviceKey);
    using var queued = await processor.SendAsync(request);
    return await OutcomeAsync(id);
}

async Task<string> FloodAsync(int requests)
{
    var audit = new BlobServiceClient(await app.GetConnectionStringAsync("storage")).GetBlobContainerClient("audit");
    var blocksBefore = await BlocksAsync(audit);
    using var uploader = app.CreateHttpClient("gateway", "http");
    var forbidden = 0;
    await Parallel.ForAsync(0, requests, new ParallelOptions { MaxDegreeOfParallelism = 100 }, async (_, token) =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/results/{Guid.NewGuid():N}");
        request.Headers.Add("X-Api-Key", uploaderKey);
        using var response = await uploader.SendAsync(request, token);
        if ((int)response.StatusCode == 403)
        {
            Interlocked.Increment(ref forbidden);
        }
    });
    return $"{forbidden}× 403; {await BlocksAsync(audit) - blocksBefore} audit blocks";
}

static async Task<long> BlocksAsync(BlobContainerClient audit)
{
    long blocks = 0;
    await foreach (var blob in audit.GetBlobsAsync())
    {
        blocks += (await audit.GetAppendBlobClient(blob.Name).GetPropertiesAsync()).Value.BlobCommittedBlockCount;
    }

    return blocks;
}

async Task<string> RunLoadAsync()
{
    var load = Path.Combine(repository, "bench/Load/bin/Release/net10.0/HeadCt.Load.dll");
    var start = new ProcessStartInfo("dotnet", [load, "--gateway", app.GetEndpoint("gateway", "http").ToString(), "--key", apiKey, "--uploads", "20", "--readers", "4"])
    {
        RedirectStandardOutput = true,
    };
    using var process = Process.Start(start)!;
    var output = await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    Console.WriteLine(output);
    return output.Split('\n').LastOrDefault(line => line.StartsWith("PASS", StringComparison.Ordinal) || line.StartsWith("FAIL", StringComparison.Ordinal))?.Trim() ?? "?";
}

static IReadOnlyList<string> Phantom(int slices, double spacingMm, string folder)
{
    var spec = HeadPhantomSpec.Random(5, LesionKind.Subdural) with
    {
        SizeX = 512, SizeY = 512, SizeZ = slices, PixelSpacingMm = 0.45, SliceSpacingMm = spacingMm, HeadCentre = new Vector3d(0, 0, 0),
    };
    return PhantomDicomWriter.Write(HeadPhantomGenerator.Generate(spec), folder);
}

static int Pid(DistributedApplication app, string resource) =>
    app.ResourceNotifications.TryGetCurrentState(resource, out var state) &&
    state.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is int pid
        ? pid
        : throw new InvalidOperationException($"No process id for {resource}.");
