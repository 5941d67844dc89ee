using System.Net;
using System.Text.Json;

namespace HeadCt.Platform.Tests.Support;

/// <summary>Checks an RFC 9457 problem response and returns its body.</summary>
public static class ProblemAssert
{
    public const string TypeBase = "https://headct.dev/problems/";

    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string typeName)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(TypeBase + typeName, problem.GetProperty("type").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.True(problem.TryGetProperty("traceId", out _), "Every problem carries the trace id.");
        return problem;
    }
}
