using System.Net;
using System.Text;
using System.Text.Json;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Services;

/// <summary>PUT /results/{id} bodies the gateway refuses before they reach the result document.</summary>
[Collection(ServicesCollection.Name)]
public sealed class ResultMetadataValidationTests(ServicesAppFixture fixture)
{
    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"review":{"decision":"maybe"}}""", "review.decision" },
        { """{"review":{"reviewer":"r"}}""", "review.decision" },
        { "{\"comment\":\"" + new string('x', 4001) + "\"}", "comment" },
        { "{\"tags\":{" + string.Join(",", Enumerable.Range(0, 33).Select(i => $"\"k{i}\":\"v\"")) + "}}", "tags" },
        { """{"tags":{"has space":"v"}}""", "tags.has space" },
        { """{"unexpected":true}""", "" },
        { """{"comment":""", "" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task GivenInvalidMetadata_WhenPut_Then400InvalidMetadataNamesTheField(string body, string field)
    {
        using var gateway = fixture.CreateGatewayClient();
        var id = Guid.NewGuid().ToString("N");

        using var response = await PutAsync(gateway, id, new StringContent(body, Encoding.UTF8, "application/json"), "\"any\"");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-metadata");
        var errors = problem.GetProperty("errors");
        if (field.Length > 0)
        {
            Assert.True(errors.TryGetProperty(field, out _), $"errors lacks '{field}': {errors}");
        }
        else
        {
            Assert.NotEmpty(errors.EnumerateObject());
        }
    }

    [Fact]
    public async Task GivenValidMetadataForUnknownStudy_WhenPut_Then404StudyNotFound()
    {
        using var gateway = fixture.CreateGatewayClient();

        using var response = await PutAsync(gateway, Guid.NewGuid().ToString("N"),
            new StringContent("""{"comment":"fine"}""", Encoding.UTF8, "application/json"), "\"any\"");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "study-not-found");
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient gateway, string id, HttpContent content, string ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/results/{id}") { Content = content };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await gateway.SendAsync(request);
    }
}
