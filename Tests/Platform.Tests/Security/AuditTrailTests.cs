using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Security;

/// <summary>The audit trail through the real gateway and Azurite: who did what to which study, when, from where.</summary>
[Collection(ServicesCollection.Name)]
public sealed class AuditTrailTests(ServicesAppFixture fixture)
{
    private const string AuditContainer = "audit";

    [Fact]
    public async Task GivenUploadViewsReviewAndDelete_WhenTheAuditIsReadForTheStudy_ThenItHasExactlyThoseEventsWithTheirActors()
    {
        using var gateway = fixture.CreateAnonymousGatewayClient();
        var userAgent = "audit-test/" + Guid.NewGuid().ToString("N")[..8];
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);

        using var upload = await SendAsync(gateway, HttpMethod.Post, "/upload", TestCredentials.UploaderKey, userAgent,
            Uploads.Of([("a.dcm", File.ReadAllBytes(CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries)[0]))]));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var id = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        using var view = await SendAsync(gateway, HttpMethod.Get, $"/results/{id}", TestCredentials.ReviewerKey, userAgent);
        using var tokenView = await SendAsync(gateway, HttpMethod.Get, $"/results/{id}", null, userAgent,
            bearer: TestTokens.Create("dr-token", ["reviewer"]));
        // A comment (a review decision needs a completed study); the job may change the document in between (412).
        using var review = await SendAsync(gateway, HttpMethod.Put, $"/results/{id}", TestCredentials.ReviewerKey, userAgent,
            new StringContent("""{"comment":"Audited review."}""", Encoding.UTF8, "application/json"), ifMatch: tokenView.Headers.ETag?.ToString());
        using var images = await SendAsync(gateway, HttpMethod.Get, $"/projections/{id}", TestCredentials.ReviewerKey, userAgent);
        using var delete = await SendAsync(gateway, HttpMethod.Delete, $"/results/{id}", TestCredentials.DevApiKey, userAgent);
        Assert.Contains(review.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.PreconditionFailed });
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        using var audit = await SendAsync(gateway, HttpMethod.Get,
            $"/audit?study={id}&from={Uri.EscapeDataString(started.ToString("O"))}", TestCredentials.DevApiKey, userAgent);
        var body = await audit.Content.ReadAsStringAsync();
        Assert.True(audit.StatusCode == HttpStatusCode.OK, body);
        var events = JsonDocument.Parse(body).RootElement.GetProperty("events").EnumerateArray().ToArray();

        Assert.Equal(
            [
                ("upload", TestCredentials.UploaderKeyName, "api-key", 202),
                ("view-result", TestCredentials.ReviewerKeyName, "api-key", 200),
                ("view-result", "dr-token", "bearer", 200),
                ("review", TestCredentials.ReviewerKeyName, "api-key", (int)review.StatusCode),
                ("view-images", TestCredentials.ReviewerKeyName, "api-key", (int)images.StatusCode),
                ("delete", TestCredentials.DevKeyName, "api-key", 204),
            ],
            events.Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actor").GetString(),
                e.GetProperty("credential").GetString(), e.GetProperty("status").GetInt32())).ToArray());
        Assert.All(events, e =>
        {
            Assert.Equal(id, e.GetProperty("studyId").GetString());
            Assert.Equal(userAgent, e.GetProperty("userAgent").GetString());
            Assert.False(string.IsNullOrEmpty(e.GetProperty("remoteIp").GetString()));
            Assert.InRange(e.GetProperty("time").GetDateTimeOffset(), started, DateTimeOffset.UtcNow.AddSeconds(1));
        });
    }

    [Fact]
    public async Task GivenAnAuditedRequest_WhenStorageIsListed_ThenTheEventIsInAnAppendBlobOfTheDayInTheAuditContainer()
    {
        using var gateway = fixture.CreateGatewayClient();
        var probe = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        var missing = Guid.NewGuid().ToString("N");

        using var response = await gateway.GetAsync("/results/" + missing);
        var now = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var contents = await probe.ReadAllAsync(AuditContainer, now.ToString("yyyy'/'MM'/'dd'/'"));
        Assert.Contains(contents, content => Encoding.UTF8.GetString(content).Contains(missing));
        Assert.Empty(await probe.ListAsync(StorageProbe.DicomContainer, "audit"));
    }

    [Theory]
    [InlineData(nameof(TestCredentials.ReviewerKey))]
    [InlineData(nameof(TestCredentials.UploaderKey))]
    public async Task GivenANonAdminKey_WhenTheAuditIsRead_Then403AndTheRefusalIsItselfAudited(string keyName)
    {
        var (key, actor) = keyName == nameof(TestCredentials.ReviewerKey)
            ? (TestCredentials.ReviewerKey, TestCredentials.ReviewerKeyName)
            : (TestCredentials.UploaderKey, TestCredentials.UploaderKeyName);
        using var gateway = fixture.CreateAnonymousGatewayClient();
        var userAgent = "audit-refusal/" + Guid.NewGuid().ToString("N")[..8];
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);

        using var refused = await SendAsync(gateway, HttpMethod.Get, "/audit", key, userAgent);
        using var audit = await SendAsync(gateway, HttpMethod.Get,
            $"/audit?from={Uri.EscapeDataString(started.ToString("O"))}", TestCredentials.DevApiKey, "admin");

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Forbidden, "forbidden");
        var events = JsonDocument.Parse(await audit.Content.ReadAsStringAsync()).RootElement.GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("userAgent").GetString() == userAgent).ToArray();
        var only = Assert.Single(events);
        Assert.Equal(("read-audit", actor, 403),
            (only.GetProperty("action").GetString(), only.GetProperty("actor").GetString(), only.GetProperty("status").GetInt32()));
    }

    [Theory]
    [InlineData("study=not-a-study")]
    [InlineData("from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")]
    [InlineData("from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z")]
    public async Task GivenAnInvalidQuery_WhenTheAuditIsRead_Then400Problem(string query)
    {
        using var gateway = fixture.CreateGatewayClient();

        using var response = await gateway.GetAsync("/audit?" + query);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request");
    }

    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient gateway, HttpMethod method, string path, string? apiKey, string userAgent, HttpContent? content = null, string? bearer = null,
        string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        request.Headers.UserAgent.Add(ProductInfoHeaderValue.Parse(userAgent));
        if (apiKey is not null)
        {
            request.WithApiKey(apiKey);
        }

        if (bearer is not null)
        {
            request.WithBearer(bearer);
        }

        return await gateway.SendAsync(request);
    }
}
