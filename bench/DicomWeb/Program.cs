using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using HeadCt.DicomWebBench;
using HeadCt.EndToEnd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Usage: dotnet run -c Release --project bench/DicomWeb [-- --studies 100000 --clients 20 --requests 150 --runs 3]
var studies = Option("--studies", 100_000);
var clients = Option("--clients", 20);
var requestsPerClient = Option("--requests", 150);
var runs = Option("--runs", 3);
var work = Path.Combine(Path.GetTempPath(), "headct-bench-dicomweb", Guid.NewGuid().ToString("N"));
var apiKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
[
    $"LocalServices:DataDirectory={Path.Combine(work, "data")}",
    $"Parameters:gateway-dev-api-key={apiKey}",
    $"Parameters:processor-service-key={Convert.ToHexString(RandomNumberGenerator.GetBytes(24))}",
]);
builder.Services.AddLogging(logging => logging.ClearProviders());
await using var app = await builder.BuildAsync();
await app.StartAsync();
foreach (var resource in new[] { "storage", "cache", "postgres", "processor", "gateway" })
{
    await app.ResourceNotifications.WaitForResourceHealthyAsync(resource);
}

using var gateway = app.CreateHttpClient("gateway", "http");
gateway.Timeout = TimeSpan.FromMinutes(5);
gateway.DefaultRequestHeaders.Add("X-Api-Key", apiKey);

// 1. QIDO-RS study search over generated rows, 20 clients at once.
var index = await app.GetConnectionStringAsync("index") ?? throw new InvalidOperationException("no index connection string");
var watch = Stopwatch.StartNew();
await GeneratedStudies.InsertAsync(index, studies);
Console.WriteLine($"{studies} studies generated in {watch.Elapsed.TotalSeconds:F1} s");
await QidoLoadAsync(gateway, clients: 4, requestsPerClient: 50, measure: null); // warm-up: JIT, pools, plans
var byKind = new Dictionary<string, Latencies>();
var all = new Latencies("all searches");
watch.Restart();
await QidoLoadAsync(gateway, clients, requestsPerClient, (kind, ms) =>
{
    lock (byKind)
    {
        (byKind.TryGetValue(kind, out var latencies) ? latencies : byKind[kind] = new Latencies(kind)).Add(ms);
    }

    all.Add(ms);
});
var seconds = watch.Elapsed.TotalSeconds;
Console.WriteLine();
Console.WriteLine($"QIDO-RS /dicom-web/studies over {studies} studies, {clients} concurrent clients, {clients * requestsPerClient} requests in {seconds:F1} s ({clients * requestsPerClient / seconds:F0} requests/s)");
Console.WriteLine("| search | requests | p50 ms | p99 ms | max ms |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var latencies in byKind.Values.OrderBy(latencies => latencies.Name))
{
    Console.WriteLine(latencies.Row());
}

Console.WriteLine(all.Row());

// The same searches one at a time (no queueing), and the index query alone at 20 clients (no HTTP, auth, audit, JSON).
var single = new Latencies("all searches, 1 client");
await QidoLoadAsync(gateway, clients: 1, requestsPerClient: 300, measure: (_, ms) => single.Add(ms));
Console.WriteLine(single.Row());
var queryOnly = await IndexOnly.MeasureAsync(index, clients, requestsPerClient);
Console.WriteLine(queryOnly.Row());

// 2. STOW-RS against POST /upload, the same 324-slice study, alternating, each after the previous one was processed.
var files = BenchStudies.Write(324, Path.Combine(work, "study-324"));
var megabytes = files.Sum(file => new FileInfo(file).Length) / 1e6;
var upload = new Latencies("POST /upload (multipart/form-data)");
var stow = new Latencies("STOW-RS (multipart/related)");
for (var run = 0; run <= runs; run++)
{
    foreach (var (latencies, send) in new (Latencies, Func<Task<double>>)[] { (upload, () => UploadAsync(gateway, files)), (stow, () => StowAsync(gateway, files)) })
    {
        var ms = await send();
        if (run > 0)
        {
            latencies.Add(ms); // run 0 is the warm-up of each path
        }

        await WaitUntilIdleAsync(gateway);
    }
}

Console.WriteLine();
Console.WriteLine($"Storing one 324-slice study ({megabytes:F0} MB), request sent to answer received, {runs} runs each after a warm-up, alternating");
Console.WriteLine("| path | runs | median ms | fastest ms | slowest ms |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var latencies in new[] { upload, stow })
{
    Console.WriteLine($"| {latencies.Name} | {latencies.Count} | {latencies.Percentile(50):F0} | {latencies.Percentile(0):F0} | {latencies.Percentile(100):F0} |");
}

Console.WriteLine($"STOW-RS / upload (medians): {stow.Percentile(50) / upload.Percentile(50):F2}");

// 3. WADO-RS frames of the 324-slice study (native 16-bit), 4 clients, decoded and as stored.
var studyUid = await NewestStudyUidAsync(gateway);
var instances = await InstanceUrlsAsync(gateway, studyUid);
Console.WriteLine();
Console.WriteLine($"WADO-RS frame retrieval, {instances.Count} instances of 512×512×16 bit, 4 concurrent clients, each frame once");
Console.WriteLine("| Accept | frames | seconds | frames/s | MB/s |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var accept in new[] { "multipart/related; type=\"application/octet-stream\"", "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*" })
{
    var (frames, bytes, elapsed) = await FramesAsync(gateway, instances, accept);
    Console.WriteLine($"| `{accept}` | {frames} | {elapsed:F1} | {frames / elapsed:F0} | {bytes / 1e6 / elapsed:F1} |");
}

await app.StopAsync();
try
{
    Directory.Delete(work, recursive: true);
}
catch (IOException)
{
}

return;

static async Task QidoLoadAsync(HttpClient gateway, int clients, int requestsPerClient, Action<string, double>? measure)
{
    await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
    {
        var random = new Random(client);
        for (var i = 0; i < requestsPerClient; i++)
        {
            var (kind, query) = GeneratedStudies.RandomSearch(random);
            var started = Stopwatch.GetTimestamp();
            using var response = await gateway.GetAsync($"/dicom-web/studies?{query}");
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            measure?.Invoke(kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }));
}

static async Task<double> UploadAsync(HttpClient gateway, IReadOnlyList<string> files)
{
    using var form = new MultipartFormDataContent();
    var streams = files.Select(File.OpenRead).ToList();
    foreach (var (stream, file) in streams.Zip(files))
    {
        form.Add(new StreamContent(stream), "files", Path.GetFileName(file));
    }

    var started = Stopwatch.GetTimestamp();
    using var response = await gateway.PostAsync("/upload", form);
    response.EnsureSuccessStatusCode();
    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    streams.ForEach(stream => stream.Dispose());
    return ms;
}

static async Task<double> StowAsync(HttpClient gateway, IReadOnlyList<string> files)
{
    using var body = new MultipartContent("related", "bench-" + Guid.NewGuid().ToString("N"));
    body.Headers.ContentType!.Parameters.Add(new NameValueHeaderValue("type", "\"application/dicom\""));
    var streams = files.Select(File.OpenRead).ToList();
    foreach (var stream in streams)
    {
        var part = new StreamContent(stream);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        body.Add(part);
    }

    using var request = new HttpRequestMessage(HttpMethod.Post, "/dicom-web/studies") { Content = body };
    request.Headers.Accept.ParseAdd("application/dicom+json");
    var started = Stopwatch.GetTimestamp();
    using var response = await gateway.SendAsync(request);
    response.EnsureSuccessStatusCode();
    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    streams.ForEach(stream => stream.Dispose());
    return ms;
}

static async Task WaitUntilIdleAsync(HttpClient gateway)
{
    var deadline = DateTime.UtcNow.AddMinutes(5);
    while (DateTime.UtcNow < deadline)
    {
        var page = JsonDocument.Parse(await gateway.GetStringAsync("/worklist?status=queued,processing&limit=1"));
        if (page.RootElement.GetProperty("items").GetArrayLength() == 0)
        {
            return;
        }

        await Task.Delay(250);
    }

    throw new TimeoutException("The processor did not finish within five minutes.");
}

static async Task<string> NewestStudyUidAsync(HttpClient gateway)
{
    var page = JsonDocument.Parse(await gateway.GetStringAsync("/worklist?sort=time&limit=1"));
    return page.RootElement.GetProperty("items")[0].GetProperty("studyInstanceUid").GetString()!;
}

static async Task<List<string>> InstanceUrlsAsync(HttpClient gateway, string studyUid)
{
    var found = JsonDocument.Parse(await gateway.GetStringAsync($"/dicom-web/studies/{studyUid}/instances?limit=1000"));
    return [.. found.RootElement.EnumerateArray().Select(instance => new Uri(instance.GetProperty("00081190").GetProperty("Value")[0].GetString()!).PathAndQuery)];
}

static async Task<(int Frames, long Bytes, double Seconds)> FramesAsync(HttpClient gateway, IReadOnlyList<string> instances, string accept)
{
    var next = -1;
    long bytes = 0;
    var started = Stopwatch.GetTimestamp();
    await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
    {
        while (Interlocked.Increment(ref next) is var i && i < instances.Count)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, instances[i] + "/frames/1");
            request.Headers.TryAddWithoutValidation("Accept", accept);
            using var response = await gateway.SendAsync(request);
            response.EnsureSuccessStatusCode();
            Interlocked.Add(ref bytes, (await response.Content.ReadAsByteArrayAsync()).LongLength);
        }
    }));
    return (instances.Count, bytes, Stopwatch.GetElapsedTime(started).TotalSeconds);
}

static int Option(string name, int fallback)
{
    var args = Environment.GetCommandLineArgs();
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1]) : fallback;
}
