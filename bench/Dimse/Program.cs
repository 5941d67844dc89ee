using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using HeadCt.DicomPeers;
using HeadCt.EndToEnd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Usage: dotnet run -c Release --project bench/Dimse [-- --runs 3 --slices 324]
// Sends the phantom study with DCMTK's storescu, in one run, alternately to the gateway's DICOM endpoint (our SCP,
// writing to blob storage through the ingest seam) and to DCMTK's storescp writing to local disk; prints both wall
// times and their ratio. The times end when storescu has every C-STORE-RSP, i.e. every instance is stored.
var runs = Option("--runs", 3);
var slices = Option("--slices", 324);
var work = Path.Combine(Path.GetTempPath(), "headct-bench-dimse", Guid.NewGuid().ToString("N"));
var timeout = TimeSpan.FromMinutes(10);

Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
// New UIDs each run: the gateway acknowledges an instance it already holds without storing it again.
var studies = Enumerable.Range(0, runs + 1).Select(run => BenchStudies.Write(slices, Path.Combine(work, $"study-{run}"))).ToList();
var files = studies[0];
Console.WriteLine($"{slices}-slice phantom: {files.Sum(f => new FileInfo(f).Length) / 1e6:F1} MB, {runs + 1} copies with their own UIDs");

var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
    [$"LocalServices:DataDirectory={Path.Combine(work, "data")}"]);
builder.Services.AddLogging(logging => logging.ClearProviders());
var gatewayProject = builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "gateway");
builder.CreateResourceBuilder(gatewayProject).WithEnvironment("Dimse__AllowAnyCallingAeTitle", "true");
await using var app = await builder.BuildAsync();
await app.StartAsync();
foreach (var resource in new[] { "storage", "cache", "processor", "gateway" })
{
    await app.ResourceNotifications.WaitForResourceHealthyAsync(resource);
}

var dicom = app.GetEndpoint("gateway", "dicom");
await using var storescp = await Storescp.StartAsync(Path.Combine(work, "storescp"));

var ours = new List<double>();
var theirs = new List<double>();
for (var run = 0; run <= runs; run++)
{
    var toUs = await SendAsync(studies[run], dicom.Host, dicom.Port, "HEADCT");
    var toStorescp = await SendAsync(studies[run], "127.0.0.1", storescp.Port, Storescp.AeTitle);
    var label = run == 0 ? "warm-up" : $"run {run}";
    Console.WriteLine($"{label}: gateway {toUs:F2} s, storescp {toStorescp:F2} s, ratio {toUs / toStorescp:F2}");
    if (run > 0)
    {
        ours.Add(toUs);
        theirs.Add(toStorescp);
    }
}

Console.WriteLine();
Console.WriteLine("| receiver | median wall time | instances/s | MB/s |");
Console.WriteLine("|---|---:|---:|---:|");
var megabytes = files.Sum(f => new FileInfo(f).Length) / 1e6;
foreach (var (name, times) in new[] { ("gateway (our SCP → blob storage)", ours), ("storescp (DCMTK → local disk)", theirs) })
{
    var median = Median(times);
    Console.WriteLine($"| {name} | {median:F2} s | {files.Count / median:F0} | {megabytes / median:F1} |");
}

Console.WriteLine($"ratio gateway / storescp (median of per-run ratios): {Median(ours.Zip(theirs, (a, b) => a / b).ToList()):F2}");
try
{
    Directory.Delete(work, recursive: true);
}
catch (IOException)
{
}

async Task<double> SendAsync(IReadOnlyList<string> study, string host, int port, string calledAe)
{
    var watch = Stopwatch.StartNew();
    var result = await Dcmtk.RunAsync("storescu", ["-aet", "BENCH", "-aec", calledAe, host, port.ToString(), .. study], timeout);
    var seconds = watch.Elapsed.TotalSeconds;
    if (result.ExitCode != 0)
    {
        throw new InvalidOperationException($"storescu to {calledAe} failed: {result.Output}");
    }

    return seconds;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1]) : fallback;
}
