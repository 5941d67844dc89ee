using System.Net;
using System.Text;
using System.Text.Json;
using HeadCt.Dicom;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Security;

/// <summary>
/// Issue 7.3: a study whose identifying attributes carry unique markers is run to completion and through error paths;
/// then everything the run emitted is searched for the markers: every log line of the AppHost and its resources'
/// consoles, every OTLP trace, metric and log export of both services (received by <see cref="OtlpCollector"/>), and
/// every HTTP answer (result documents, problem bodies, upload answers).
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class PhiLeakTests(ServicesAppFixture fixture)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);

    private readonly PhiMarkers _markers = new();
    private readonly StringBuilder _answers = new();

    [Fact]
    public async Task GivenAStudyCarryingPhiMarkers_WhenRunThroughSuccessAndErrorPaths_ThenNoMarkerAppearsInLogsTelemetryOrAnswers()
    {
        using var gateway = fixture.CreateGatewayClient();
        var series = CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries);
        var marked = series.Select(path => _markers.Mark(File.ReadAllBytes(path))).ToArray();
        Assert.NotEmpty(_markers.FoundIn(marked[0]));
        var telemetryBefore = fixture.Telemetry.Bodies.Count;

        // Success: the whole series, then every read a reviewer makes.
        var completed = await UploadAsync(gateway, marked.Select((file, i) => ($"{i}.dcm", file)));
        await ResultPolling.WaitForStatusAsync(gateway, completed, JobTimeout, "completed");
        await ReadEverythingAsync(gateway, completed);

        // Error paths: too few slices (the job fails), a truncated slice, a file the gateway refuses, unknown ids.
        var tooFew = await UploadAsync(gateway, [("a.dcm", marked[0]), ("b.dcm", marked[1])]);
        await ResultPolling.WaitForStatusAsync(gateway, tooFew, JobTimeout, "failed");
        await ReadEverythingAsync(gateway, tooFew);
        var truncated = await UploadAsync(gateway,
            [("a.dcm", marked[0]), ("b.dcm", marked[1]), ("c.dcm", marked[2]), ("cut.dcm", marked[3][..(marked[3].Length - 5000)])]);
        await ResultPolling.WaitForStatusAsync(gateway, truncated, JobTimeout, "completed", "failed");
        await ReadEverythingAsync(gateway, truncated);
        await SendAsync(gateway, HttpMethod.Post, "/upload", Uploads.Of([("no-series.dcm", WithoutSeriesUid(marked[4]))]));
        await SendAsync(gateway, HttpMethod.Get, $"/results/{Guid.NewGuid():N}");

        await WaitForExportsAsync(telemetryBefore);
        Assert.True(fixture.Telemetry.Bodies.Any(export => Encoding.UTF8.GetString(export.Body).Contains(completed)),
            "The exports should carry the study id (a span tag): else the byte search would not see span attributes.");
        var leaks = new List<string>();
        foreach (var line in fixture.Logs.Lines)
        {
            leaks.AddRange(_markers.FoundIn(line.ToString()).Select(found => $"log '{found}': {line}"));
        }

        foreach (var (signal, body) in fixture.Telemetry.Bodies)
        {
            leaks.AddRange(_markers.FoundIn(body).Select(found => $"OTLP {signal} '{found}'"));
        }

        leaks.AddRange(_markers.FoundIn(_answers.ToString()).Select(found => $"HTTP answer '{found}'"));
        Assert.True(leaks.Count == 0, "PHI found:" + Environment.NewLine + string.Join(Environment.NewLine, leaks.Distinct().Take(20)));
    }

    private async Task ReadEverythingAsync(HttpClient gateway, string id)
    {
        await SendAsync(gateway, HttpMethod.Get, $"/results/{id}");
        await SendAsync(gateway, HttpMethod.Get, $"/projections/{id}");
        await SendAsync(gateway, HttpMethod.Get, $"/attention-maps/{id}");
        await SendAsync(gateway, HttpMethod.Get, $"/studies/{id}/slices/0.png");
        using var current = await gateway.GetAsync($"/results/{id}");
        await SendAsync(gateway, HttpMethod.Put, $"/results/{id}",
            new StringContent("""{"comment":"PHI scan review."}""", Encoding.UTF8, "application/json"), current.Headers.ETag?.ToString());
    }

    private async Task<string> UploadAsync(HttpClient gateway, IEnumerable<(string, byte[])> files)
    {
        var body = await SendAsync(gateway, HttpMethod.Post, "/upload", Uploads.Of(files));
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    private async Task<string> SendAsync(HttpClient gateway, HttpMethod method, string path, HttpContent? content = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await gateway.SendAsync(request);
        var contentType = response.Content.Headers.ContentType?.MediaType ?? "";
        var body = contentType.Contains("json") ? await response.Content.ReadAsStringAsync() : "";
        _answers.AppendLine($"{method} {path} {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>Both services export every second; wait until traces, metrics and logs have all arrived since the start.</summary>
    private async Task WaitForExportsAsync(int before)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string[] signals = ["traces", "metrics", "logs"];
        while (DateTime.UtcNow < deadline && !signals.All(signal => fixture.Telemetry.Bodies.Skip(before).Any(body => body.Signal == signal)))
        {
            await Task.Delay(500);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        foreach (var signal in signals)
        {
            Assert.True(fixture.Telemetry.Bodies.Skip(before).Any(body => body.Signal == signal),
                $"No OTLP {signal} arrived: the scan would prove nothing.");
        }
    }

    private static byte[] WithoutSeriesUid(byte[] file)
    {
        var read = DicomReader.Read(file);
        read.Dataset.Remove(DicomTags.SeriesInstanceUid);
        return DicomWriter.ToBytes(new DicomFile(new DicomDataset(), read.Dataset, read.TransferSyntax), read.TransferSyntax);
    }
}
