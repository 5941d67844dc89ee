using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Security;

/// <summary>
/// Issue 16: 1,500 wrong keys at 420 requests/s were neither throttled nor audited, and a client sending at 300 B/s
/// kept an upload open indefinitely. Failed authentications are now limited per address (429 with Retry-After) and
/// counted in the audit trail; a body slower than Upload:MinBodyBytesPerSecond is cut off, and any upload ends after
/// Upload:MaxDuration (408).
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class ThrottlingTests(ServicesAppFixture fixture)
{
    private const int Attempts = 2 * ServicesAppFixture.AuthenticationFailuresPerWindow;

    [Fact]
    public async Task GivenAFloodOfWrongKeys_WhenSent_ThenTheAddressIsThrottledWith429AndTheFailuresAreCountedInTheAudit()
    {
        using var gateway = fixture.CreateAnonymousGatewayClient();
        var userAgent = "key-guesser/" + Guid.NewGuid().ToString("N")[..8];
        // Aggregated events carry the start of their window, which can precede the first request by a whole window.
        var started = DateTimeOffset.UtcNow - 2 * ServicesAppFixture.AuditAggregationWindow;

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < Attempts; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/results/0123456789abcdef0123456789abcdef");
            request.Headers.UserAgent.Add(ProductInfoHeaderValue.Parse(userAgent));
            request.WithApiKey("wrong-" + i);
            responses.Add(await gateway.SendAsync(request));
        }

        var unauthorized = responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized);
        var throttled = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToArray();
        Assert.Equal(Attempts, unauthorized + throttled.Length);
        Assert.InRange(unauthorized, 1, ServicesAppFixture.AuthenticationFailuresPerWindow);
        Assert.NotEmpty(throttled);
        var problem = await ProblemAssert.IsProblemAsync(throttled[^1], HttpStatusCode.TooManyRequests, "too-many-requests");
        Assert.Equal("AuthenticationFailuresPerMinutePerAddress", problem.GetProperty("limit").GetString());
        var retryAfter = throttled[^1].Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);

        var counted = await WaitForCountedFailuresAsync(userAgent, started);
        Assert.Equal((unauthorized, throttled.Length), counted);
        responses.ForEach(r => r.Dispose());

        // Leave no throttle behind for the tests that expect a plain 401.
        await Task.Delay(retryAfter.Value + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task GivenAClientSendingAt300BytesPerSecond_WhenUploading_ThenTheGatewayCutsItOffAndNothingIsStored()
    {
        var stored = await StoredAsync();
        var content = new PacedContent(CtSlice(), bytesPerTick: 30, TimeSpan.FromMilliseconds(100));

        var status = await SendAsync(content);

        Assert.True(content.ServerClosedFirst || status is HttpStatusCode.RequestTimeout or HttpStatusCode.BadRequest,
            $"The server let a 300 B/s upload run ({content.BytesSent} bytes sent, answer {status}).");
        Assert.Empty((await StoredAsync()).Except(stored));
    }

    [Fact]
    public async Task GivenAClientJustAboveTheMinimumRate_WhenItsUploadOutlastsMaxDuration_Then408AndNothingIsStored()
    {
        var stored = await StoredAsync();
        // 32 KB/s, four times the minimum rate: about 1 MB takes 30 s, longer than Upload:MaxDuration.
        var file = CtSlice().Concat(new byte[1 << 20]).ToArray();
        var content = new PacedContent(file, bytesPerTick: 3200, TimeSpan.FromMilliseconds(100));

        var status = await SendAsync(content);

        Assert.True(status == HttpStatusCode.RequestTimeout || content.ServerClosedFirst,
            $"The upload was not ended after {ServicesAppFixture.UploadMaxDuration} ({content.BytesSent} of {file.Length} bytes sent, answer {status}).");
        Assert.True(content.BytesSent < file.Length);
        Assert.Empty((await StoredAsync()).Except(stored));
    }

    private static byte[] CtSlice() => File.ReadAllBytes(CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries)[0]);

    private async Task<HttpStatusCode?> SendAsync(PacedContent content)
    {
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={PacedContent.Boundary}");
        using var gateway = fixture.CreateGatewayClient();
        try
        {
            using var response = await gateway.PostAsync("/upload", content);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private async Task<IReadOnlyList<string>> StoredAsync() =>
        await new StorageProbe(await fixture.GetStorageConnectionStringAsync()).ListAsync(StorageProbe.DicomContainer, "studies/");

    /// <summary>The 401s and 429s the trail counted for this user agent, once their aggregation windows were written.</summary>
    private async Task<(int Unauthorized, int Throttled)> WaitForCountedFailuresAsync(string userAgent, DateTimeOffset from)
    {
        using var admin = fixture.CreateGatewayClient();
        var deadline = DateTime.UtcNow + ServicesAppFixture.AuditAggregationWindow * 10;
        (int, int) counted = default;
        while (DateTime.UtcNow < deadline)
        {
            var events = await AuthenticationFailuresAsync(admin, userAgent, from);
            counted = (Sum(events, 401), Sum(events, 429));
            if (counted.Item1 + counted.Item2 == Attempts)
            {
                break;
            }

            await Task.Delay(ServicesAppFixture.AuditAggregationWindow / 2);
        }

        return counted;
    }

    /// <summary>Every page of the trail from <paramref name="from"/>: other tests of the fixture write to it too.</summary>
    private static async Task<List<JsonElement>> AuthenticationFailuresAsync(HttpClient admin, string userAgent, DateTimeOffset from)
    {
        var found = new List<JsonElement>();
        string? page = $"/audit?from={Uri.EscapeDataString(from.ToString("O"))}";
        while (page is not null)
        {
            using var audit = await admin.GetAsync(page);
            audit.EnsureSuccessStatusCode();
            var root = JsonDocument.Parse(await audit.Content.ReadAsStringAsync()).RootElement;
            found.AddRange(root.GetProperty("events").EnumerateArray()
                .Where(e => e.GetProperty("action").GetString() == "authentication-failed" && e.GetProperty("userAgent").GetString() == userAgent));
            page = root.TryGetProperty("next", out var next) ? next.GetString() : null;
        }

        return found;
    }

    private static int Sum(IEnumerable<JsonElement> events, int status) =>
        events.Where(e => e.GetProperty("status").GetInt32() == status).Sum(e => e.GetProperty("count").GetInt32());
}
