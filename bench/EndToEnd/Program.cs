using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using HeadCt.EndToEnd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Usage: dotnet run -c Release --project bench/EndToEnd [-- --runs 3 --slices 33,324 --poll-ms 100]
var runs = Option("--runs", 3);
var sliceCounts = OptionText("--slices", "33,324").Split(',').Select(int.Parse).ToArray();
// Every poll is a gateway request, a processor request and an audit append: at 20 ms they take CPU from the job.
var pollInterval = TimeSpan.FromMilliseconds(Option("--poll-ms", 100));
var work = Path.Combine(Path.GetTempPath(), "headct-bench-e2e", Guid.NewGuid().ToString("N"));
var apiKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
var serviceKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
// Usage: ... -- --replicas 1,2,3 [--studies 20]: studies per minute by processor replica count, then exit.
if (Array.IndexOf(args, "--replicas") >= 0)
{
    await ReplicaThroughput.RunAsync(OptionText("--replicas", "1,2,3").Split(',').Select(int.Parse).ToArray(),
        Option("--studies", 20), work, apiKey, serviceKey);
    Directory.Delete(work, recursive: true);
    return;
}

var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
[
    $"LocalServices:DataDirectory={Path.Combine(work, "data")}",
    $"Parameters:gateway-dev-api-key={apiKey}",
    $"Parameters:processor-service-key={serviceKey}",
]);
builder.Services.AddLogging(logging => logging.ClearProviders());
await using var app = await builder.BuildAsync();
await app.StartAsync();
foreach (var resource in new[] { "storage", "cache", "processor", "gateway" })
{
    await app.ResourceNotifications.WaitForResourceHealthyAsync(resource);
}

using var gateway = app.CreateHttpClient("gateway", "http");
gateway.Timeout = TimeSpan.FromMinutes(5);
gateway.DefaultRequestHeaders.Add("X-Api-Key", apiKey);

var results = new List<StudyRun>();
foreach (var slices in sliceCounts)
{
    var folder = Path.Combine(work, $"study-{slices}");
    var watch = Stopwatch.StartNew();
    var files = BenchStudies.Write(slices, folder);
    Console.WriteLine($"{slices}-slice phantom written in {watch.Elapsed.TotalSeconds:F1} s ({files.Sum(f => new FileInfo(f).Length) / 1e6:F1} MB)");
    await RunOnceAsync(gateway, files, slices, "warm-up", pollInterval);
    for (var run = 1; run <= runs; run++)
    {
        var result = await RunOnceAsync(gateway, files, slices, $"run {run}", pollInterval);
        results.Add(result);
    }

    // Not in the medians: the first view of a study whose view is no longer in memory, rebuilt from storage by a
    // processor that has just started (so its JIT is cold too).
    await RunOnceAsync(gateway, files, slices, "after a processor restart", pollInterval, () => ProcessorRestart.RunAsync(app));
}

Console.WriteLine();
Console.WriteLine(Markdown(results));
Directory.Delete(work, recursive: true);
return;

static async Task<StudyRun> RunOnceAsync(
    HttpClient gateway, IReadOnlyList<string> files, int slices, string label, TimeSpan pollInterval, Func<Task>? beforeViewing = null)
{
    using var form = new MultipartFormDataContent();
    foreach (var file in files)
    {
        var content = new ByteArrayContent(File.ReadAllBytes(file));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
        form.Add(content, "files", Path.GetFileName(file));
    }

    var started = Stopwatch.StartNew();
    using var upload = await gateway.PostAsync("/upload", form);
    var uploadMs = started.Elapsed.TotalMilliseconds;
    var body = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement;
    if (!upload.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"upload failed: {(int)upload.StatusCode} {body}");
    }

    var id = body.GetProperty("id").GetString()!;
    while (true)
    {
        using var response = await gateway.GetAsync($"/results/{id}");
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var status = document.GetProperty("status").GetString();
        if (status == "failed")
        {
            throw new InvalidOperationException($"study failed: {document.GetProperty("failureReason")}");
        }

        if (status == "completed")
        {
            var total = started.Elapsed.TotalMilliseconds;
            var created = document.GetProperty("createdAt").GetDateTimeOffset();
            var begun = document.GetProperty("startedAt").GetDateTimeOffset();
            var completed = document.GetProperty("completedAt").GetDateTimeOffset();
            var stages = document.GetProperty("timings").EnumerateObject().ToDictionary(stage => stage.Name, stage => stage.Value.GetDouble());
            if (beforeViewing is not null)
            {
                await beforeViewing();
            }

            var (firstViewMs, allImagesMs, imageCount) = await ViewerLoad.MeasureAsync(gateway, document);
            var run = new StudyRun(id, slices, uploadMs, total, (begun - created).TotalMilliseconds, (completed - begun).TotalMilliseconds, stages,
                firstViewMs, allImagesMs, imageCount);
            Console.WriteLine($"{slices} slices, {label}: upload {uploadMs:F0} ms, upload→completed {total:F0} ms, processing {run.ProcessingMs:F0} ms, " +
                $"p={document.GetProperty("prediction").GetProperty("probability").GetDouble():F3}; first view {firstViewMs:F0} ms, " +
                $"all {imageCount} images {allImagesMs:F0} ms; stages " +
                string.Join(", ", stages.Select(stage => $"{stage.Key} {stage.Value:F0}")) +
                $"; model {document.GetProperty("prediction").GetProperty("timings")}; job {begun:HH:mm:ss.fff}–{completed:HH:mm:ss.fff} UTC");
            using var delete = await gateway.DeleteAsync($"/results/{id}");
            return run;
        }

        await Task.Delay(pollInterval);
    }
}

static string Markdown(IReadOnlyList<StudyRun> runs)
{
    string[] stages = ["download", "parse", "volume", "inference", "attention"];
    var lines = new List<string>
    {
        "| slices | upload (store) | queue wait | " + string.Join(" | ", stages) + " | store result | processing | upload → completed | first view | all images |",
        "|---:|---:|---:|" + string.Concat(Enumerable.Repeat("---:|", stages.Length)) + "---:|---:|---:|---:|---:|",
    };
    foreach (var group in runs.GroupBy(run => run.Slices))
    {
        string Median(Func<StudyRun, double> value) =>
            group.Select(value).Order().ElementAt(group.Count() / 2).ToString("F0", CultureInfo.InvariantCulture);
        lines.Add($"| {group.Key} | {Median(r => r.UploadMs)} | {Median(r => r.QueueWaitMs)} | " +
            string.Join(" | ", stages.Select(stage => Median(r => r.StageMs.GetValueOrDefault(stage)))) +
            $" | {Median(r => r.StoreResultMs)} | {Median(r => r.ProcessingMs)} | {Median(r => r.UploadToCompletedMs)}" +
            $" | {Median(r => r.FirstViewMs)} | {Median(r => r.AllImagesMs)} ({group.First().ImageCount}) |");
    }

    return string.Join(Environment.NewLine, lines) + Environment.NewLine +
        "(median of the runs, milliseconds; first view and all images are timed after completion, images drawn on request)";
}

int Option(string name, int fallback) => int.Parse(OptionText(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

string OptionText(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}
