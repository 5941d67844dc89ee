using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using HeadCt.Inference.Phantoms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HeadCt.EndToEnd;

/// <summary>
/// Studies per minute with 1, 2, 3... processor replicas: for each count a fresh AppHost, then <c>studies</c> uploads
/// of one 28-slice phantom at once, timed from the first upload to the last "completed".
/// </summary>
public static class ReplicaThroughput
{
    public static async Task RunAsync(int[] replicaCounts, int studies, string work, string apiKey, string serviceKey)
    {
        var spec = HeadPhantomSpec.Random(7, lesion: null) with { SizeZ = 28 };
        var files = PhantomDicomWriter.Write(HeadPhantomGenerator.Generate(spec), Path.Combine(work, "throughput")).Select(File.ReadAllBytes).ToArray();
        Console.WriteLine("| processor replicas | studies | wall s | studies/min | upload→completed p50 s | max s |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var replicas in replicaCounts)
        {
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [
                $"LocalServices:DataDirectory={Path.Combine(work, $"data-{replicas}")}",
                $"Parameters:gateway-dev-api-key={apiKey}",
                $"Parameters:processor-service-key={serviceKey}",
                $"Parameters:processor-replicas={replicas}",
            ]);
            builder.Services.AddLogging(logging => logging.ClearProviders());
            // On two shared cores, replicas still warming up answered the 5 s queue call late (503): measure the work, not that.
            var gatewayResource = builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == "gateway");
            builder.CreateResourceBuilder(gatewayResource).WithEnvironment("Processor__CallTimeout", "00:00:30");
            await using var app = await builder.BuildAsync();
            await app.StartAsync();
            foreach (var resource in new[] { "storage", "cache", "postgres", "processor", "gateway" })
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource);
            }

            await Task.Delay(TimeSpan.FromSeconds(10)); // every replica up, not only the first
            using var gateway = app.CreateHttpClient("gateway", "http");
            gateway.Timeout = TimeSpan.FromMinutes(5);
            gateway.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
            var wall = Stopwatch.StartNew();
            var seconds = await Task.WhenAll(Enumerable.Range(0, studies).Select(_ => UploadAndWaitAsync(gateway, files)));
            wall.Stop();
            Array.Sort(seconds);
            Console.WriteLine($"| {replicas} | {studies} | {wall.Elapsed.TotalSeconds:F1} | {studies / wall.Elapsed.TotalMinutes:F1} | " +
                              $"{seconds[seconds.Length / 2]:F1} | {seconds[^1]:F1} |");
            await app.StopAsync();
        }
    }

    private static async Task<double> UploadAndWaitAsync(HttpClient gateway, byte[][] files)
    {
        var started = Stopwatch.StartNew();
        using var form = new MultipartFormDataContent();
        for (var i = 0; i < files.Length; i++)
        {
            var part = new ByteArrayContent(files[i]);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/dicom");
            form.Add(part, "files", $"slice{i:D4}.dcm");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/upload") { Content = form };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var upload = await gateway.SendAsync(request);
        var body = await upload.Content.ReadAsStringAsync();
        if (!upload.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"upload failed: {(int)upload.StatusCode} {body}");
        }

        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        while (true)
        {
            await Task.Delay(250);
            using var response = await gateway.GetAsync($"/results/{id}");
            var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString();
            if (status == "failed")
            {
                throw new InvalidOperationException($"study {id} failed");
            }

            if (status == "completed")
            {
                return started.Elapsed.TotalSeconds;
            }
        }
    }
}
