using System.Net;
using System.Text.Json;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Services;

/// <summary>Every error, including routing errors, is an RFC 9457 problem with a stable type.</summary>
[Collection(ServicesCollection.Name)]
public sealed class ProblemDetailsTests(ServicesAppFixture fixture)
{
    [Theory]
    [InlineData("/results/{0}")]
    [InlineData("/projections/{0}")]
    [InlineData("/attention-maps/{0}")]
    public async Task GivenUnknownStudy_WhenRead_Then404StudyNotFoundProblem(string route)
    {
        using var gateway = fixture.CreateGatewayClient();
        var id = Guid.NewGuid().ToString("N");

        using var response = await gateway.GetAsync(string.Format(route, id));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "study-not-found");
        Assert.Contains(id, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/results/not-a-study-id")]
    [InlineData("/results/..%2F..%2Fetc")]
    public async Task GivenMalformedStudyId_WhenRead_Then404StudyNotFoundProblem(string route)
    {
        using var gateway = fixture.CreateGatewayClient();

        using var response = await gateway.GetAsync(route);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "study-not-found");
    }

    [Fact]
    public async Task GivenUnknownRoute_WhenRequested_Then404NotFoundProblem()
    {
        using var gateway = fixture.CreateGatewayClient();

        using var response = await gateway.GetAsync("/no-such-route");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task GivenGateway_WhenOpenApiDocumentIsRequested_ThenItDescribesEveryPublicRoute()
    {
        using var gateway = fixture.CreateGatewayClient();

        using var response = await gateway.GetAsync("/openapi/v1.json");
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        using var ui = await gateway.GetAsync("/scalar");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var path in new[] { "/upload", "/results/{id}", "/projections/{id}", "/attention-maps/{id}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"OpenAPI lacks {path}");
        }

        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }
}
