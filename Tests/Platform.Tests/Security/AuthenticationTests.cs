using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Security;

/// <summary>contracts.md §3 on the gateway: API keys and bearer tokens, roles, and what stays anonymous.</summary>
[Collection(ServicesCollection.Name)]
public sealed class AuthenticationTests(ServicesAppFixture fixture)
{
    private const string UnknownStudy = "0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("GET", "/results/" + UnknownStudy)]
    [InlineData("DELETE", "/results/" + UnknownStudy)]
    [InlineData("POST", "/upload")]
    [InlineData("GET", "/projections/" + UnknownStudy)]
    [InlineData("GET", "/audit")]
    [InlineData("GET", "/no-such-route")]
    public async Task GivenNoCredential_WhenAnApiRouteIsCalled_Then401Problem(string method, string path)
    {
        using var gateway = fixture.CreateAnonymousGatewayClient();

        using var response = await gateway.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task GivenAnUnknownApiKey_WhenAResultIsRead_Then401Problem()
    {
        using var gateway = fixture.CreateAnonymousGatewayClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/results/" + UnknownStudy).WithApiKey(TestCredentials.DevApiKey + "x");

        using var response = await gateway.SendAsync(request);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    [InlineData("/openapi/v1.json")]
    public async Task GivenNoCredential_WhenAPublicPathIsRead_ThenItAnswers200(string path)
    {
        using var gateway = fixture.CreateAnonymousGatewayClient();

        using var response = await gateway.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GivenTheUploaderKey_WhenUploadingThenReading_ThenUploadIs202AndReadIs403()
    {
        using var gateway = fixture.CreateAnonymousGatewayClient();

        var id = await UploadAsync(gateway, TestCredentials.UploaderKey);
        using var read = await gateway.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/results/{id}").WithApiKey(TestCredentials.UploaderKey));

        await ProblemAssert.IsProblemAsync(read, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task GivenTheReviewerKey_WhenReadingUploadingAndDeleting_ThenOnlyTheReadIsAllowed()
    {
        using var gateway = fixture.CreateAnonymousGatewayClient();
        var id = await UploadAsync(gateway, TestCredentials.UploaderKey);

        using var read = await gateway.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/results/{id}").WithApiKey(TestCredentials.ReviewerKey));
        using var upload = await gateway.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/upload") { Content = OneSlice() }.WithApiKey(TestCredentials.ReviewerKey));
        using var delete = await gateway.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/results/{id}").WithApiKey(TestCredentials.ReviewerKey));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(id, JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString());
        await ProblemAssert.IsProblemAsync(upload, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task GivenTheAdminKey_WhenDeleting_ThenTheStudyIsGone()
    {
        using var gateway = fixture.CreateAnonymousGatewayClient();
        var id = await UploadAsync(gateway, TestCredentials.DevApiKey);

        using var delete = await gateway.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/results/{id}").WithApiKey(TestCredentials.DevApiKey));
        using var read = await gateway.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/results/{id}").WithApiKey(TestCredentials.DevApiKey));

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task GivenABearerTokenWithTheReviewerRole_WhenReadingAndDeleting_ThenTheReadIs200AndTheDeleteIs403()
    {
        using var gateway = fixture.CreateAnonymousGatewayClient();
        var id = await UploadAsync(gateway, TestCredentials.UploaderKey);
        var token = TestTokens.Create("dr-jwt-reviewer", ["reviewer"]);

        using var read = await gateway.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/results/{id}").WithBearer(token));
        using var delete = await gateway.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/results/{id}").WithBearer(token));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await ProblemAssert.IsProblemAsync(delete, HttpStatusCode.Forbidden, "forbidden");
        Assert.True(TestOidcIssuer.Instance.DiscoveryRequests > 0, "The gateway must have read the issuer's discovery document.");
    }

    [Fact]
    public async Task GivenABearerTokenWithTheAdminRole_WhenDeleting_Then204()
    {
        using var gateway = fixture.CreateAnonymousGatewayClient();
        var id = await UploadAsync(gateway, TestCredentials.UploaderKey);
        var token = TestTokens.Create("ops-admin", ["admin"]);

        using var delete = await gateway.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/results/{id}").WithBearer(token));

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
    }

    public static TheoryData<string, string> InvalidTokens => new()
    {
        { "another signing key", TestTokens.Create("mallory", ["admin"], signingKey: RSA.Create(2048)) },
        { "another issuer", TestTokens.Create("mallory", ["admin"], issuer: "https://evil.example") },
        { "another audience", TestTokens.Create("mallory", ["admin"], audience: "some-other-api") },
        { "expired", TestTokens.Create("mallory", ["admin"], lifetime: TimeSpan.FromMinutes(-30)) },
    };

    [Theory]
    [MemberData(nameof(InvalidTokens))]
    public async Task GivenAnInvalidBearerToken_WhenAResultIsRead_Then401Problem(string why, string token)
    {
        using var gateway = fixture.CreateAnonymousGatewayClient();

        using var response = await gateway.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/results/" + UnknownStudy).WithBearer(token));

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"A token with {why} must be refused.");
        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    private static MultipartFormDataContent OneSlice() =>
        Uploads.Of([("a.dcm", File.ReadAllBytes(CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries)[0]))]);

    private static async Task<string> UploadAsync(HttpClient gateway, string key)
    {
        using var response = await gateway.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/upload") { Content = OneSlice() }.WithApiKey(key));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Upload answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }
}
