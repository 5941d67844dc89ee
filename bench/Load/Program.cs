using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HeadCt.Inference.Phantoms;
using HeadCt.Load;

var settings = LoadSettings.Parse(args);
var folder = Path.Combine(Path.GetTempPath(), "headct-load-" + Guid.NewGuid().ToString("N"));
var spec = settings.Matrix is { } matrix
    ? HeadPhantomSpec.Random(7, lesion: null) with
    {
        SizeX = matrix, SizeY = matrix, SizeZ = settings.SlicesPerStudy, PixelSpacingMm = 230.0 / matrix,
        SliceSpacingMm = settings.SlicesPerStudy <= 40 ? 4.8 : 0.6, HeadCentre = new HeadCt.Imaging.Volume.Vector3d(0, 0, 0),
    }
    : HeadPhantomSpec.Random(7, lesion: null) with { SizeZ = settings.SlicesPerStudy };
var files = PhantomDicomWriter.Write(HeadPhantomGenerator.Generate(spec), folder).Select(File.ReadAllBytes).ToArray();
var studyBytes = files.Sum(file => (long)file.Length);
Console.WriteLine($"{settings.Uploads} uploads of {files.Length} slices ({studyBytes / 1024} KiB), {settings.Readers} readers, against {settings.Gateway}");

using var http = new HttpClient { BaseAddress = settings.Gateway, Timeout = TimeSpan.FromMinutes(5) };
http.DefaultRequestHeaders.Add("X-Api-Key", settings.ApiKey);
var uploads = new LatencyRecorder("upload (202)");
var reads = new LatencyRecorder("GET /results/{id}");
var completion = new LatencyRecorder("upload to completed");
var ids = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
var completedIds = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
using var stopReaders = new CancellationTokenSource();
var memory = new ServiceMemory();
var wall = Stopwatch.StartNew();

var readerTasks = Enumerable.Range(0, settings.Readers).Select(_ => Task.Run(() => ReadLoopAsync(stopReaders.Token))).ToArray();
var uploadTasks = Enumerable.Range(0, settings.Uploads).Select(UploadOneAsync).ToArray();
await Task.WhenAll(uploadTasks);
var deadline = DateTime.UtcNow + settings.CompletionTimeout;
while (completedIds.Count < ids.Count && DateTime.UtcNow < deadline)
{
    await Task.Delay(500);
}

wall.Stop();
await stopReaders.CancelAsync();
await Task.WhenAll(readerTasks);
Directory.Delete(folder, recursive: true);

await memory.DisposeAsync();
(LatencyRecorder Latencies, double Achieved)? rated = settings.ReadsPerSecond > 0 && !completedIds.IsEmpty
    ? await ConstantRateReads.RunAsync(http, completedIds.Keys.First(), settings.ReadsPerSecond, settings.RateDuration)
    : null;

var lost = ids.Keys.Count(id => !completedIds.ContainsKey(id));
var duplicated = ids.Values.Count(times => times > 1);
Console.WriteLine();
Console.WriteLine("| measure | count | errors | p50 ms | p99 ms |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var recorder in (LatencyRecorder[])[uploads, completion, reads, .. rated is { } r ? [r.Latencies] : Array.Empty<LatencyRecorder>()])
{
    Console.WriteLine($"| {recorder.Name} | {recorder.Count} | {recorder.Errors} | {recorder.Percentile(50):F0} | {recorder.Percentile(99):F0} |");
}

Console.WriteLine();
Console.WriteLine($"studies: {ids.Count} uploaded, {completedIds.Count} completed, {lost} lost, {duplicated} duplicated ids");
Console.WriteLine($"wall {wall.Elapsed.TotalSeconds:F1} s; throughput {completedIds.Count / wall.Elapsed.TotalMinutes:F1} studies/min, " +
                  $"{completedIds.Count * (double)studyBytes / 1e6 / wall.Elapsed.TotalSeconds:F2} MB/s ingested, {reads.Count / wall.Elapsed.TotalSeconds:F1} reads/s");
if (rated is { } rate)
{
    Console.WriteLine($"constant-rate reads: {rate.Latencies.Count} answered of {settings.ReadsPerSecond * settings.RateDuration.TotalSeconds:F0} started at {rate.Achieved:F0}/s achieved");
}

Console.WriteLine();
Console.WriteLine("| service process (pid) | peak RSS sampled during uploads, MiB | VmHWM since start, MiB |");
Console.WriteLine("|---|---:|---:|");
foreach (var (service, pid, peak, highWater) in memory.Peaks().OrderBy(p => p.Service))
{
    Console.WriteLine($"| {service} ({pid}) | {peak:F0} | {highWater:F0} |");
}

var failed = uploads.Errors + reads.Errors + completion.Errors + lost + duplicated + (settings.Uploads - ids.Count) + (rated?.Latencies.Errors ?? 0);
Console.WriteLine(failed == 0 ? "PASS: zero errors, zero lost or duplicated studies" : $"FAIL: {failed} problems");
return failed == 0 ? 0 : 1;

async Task UploadOneAsync(int index)
{
    using var form = new MultipartFormDataContent();
    for (var i = 0; i < files.Length; i++)
    {
        var part = new ByteArrayContent(files[i]);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        form.Add(part, "files", $"slice{i:D4}.dcm");
    }

    using var request = new HttpRequestMessage(HttpMethod.Post, "/upload") { Content = form };
    request.Headers.Add("Idempotency-Key", $"load-{Guid.NewGuid():N}");
    var started = Stopwatch.StartNew();
    using var response = await http.SendAsync(request);
    if (response.StatusCode != HttpStatusCode.Accepted)
    {
        uploads.Error();
        Console.WriteLine($"upload {index}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return;
    }

    uploads.Record(started.Elapsed);
    var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    ids.AddOrUpdate(id, 1, (_, times) => times + 1);
    while (started.Elapsed < settings.CompletionTimeout)
    {
        await Task.Delay(250);
        var status = await StatusAsync(id, CancellationToken.None);
        if (status is "completed" or "failed")
        {
            if (status == "completed")
            {
                completion.Record(started.Elapsed);
                completedIds[id] = true;
            }
            else
            {
                completion.Error();
                Console.WriteLine($"study {id} failed");
            }

            return;
        }
    }
}

async Task ReadLoopAsync(CancellationToken cancellationToken)
{
    while (!cancellationToken.IsCancellationRequested)
    {
        var known = ids.Keys.ToArray();
        if (known.Length == 0)
        {
            await Task.Delay(100, CancellationToken.None);
            continue;
        }

        await StatusAsync(known[Random.Shared.Next(known.Length)], cancellationToken);
    }
}

async Task<string?> StatusAsync(string id, CancellationToken cancellationToken)
{
    var started = Stopwatch.StartNew();
    try
    {
        using var response = await http.GetAsync($"/results/{id}", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            reads.Error();
            Console.WriteLine($"GET /results/{id}: {(int)response.StatusCode} {body}");
            return null;
        }

        reads.Record(started.Elapsed);
        return JsonDocument.Parse(body).RootElement.GetProperty("status").GetString();
    }
    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
    {
        return null;
    }
}
