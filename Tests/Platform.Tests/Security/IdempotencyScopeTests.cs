using System.Net;
using System.Text.Json;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Security;

/// <summary>
/// Issue 16: Idempotency-Key was global (an uploader reusing another caller's key received that caller's study id,
/// file names and UIDs) and a different body under a used key was silently dropped. Keys are now the caller's own and
/// bound to the request's fingerprint (draft-ietf-httpapi-idempotency-key-header: 422 for another body).
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class IdempotencyScopeTests(ServicesAppFixture fixture)
{
    private static (string Name, byte[] Content) Slice(int index, string name) =>
        (name, File.ReadAllBytes(CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries)[index]));

    [Fact]
    public async Task GivenAKeyUsedByOneCaller_WhenAnotherReusesItOrTheFirstSendsOtherFiles_ThenNothingLeaksAndTheOtherBodyGets422()
    {
        using var gateway = fixture.CreateAnonymousGatewayClient();
        var key = "shared-" + Guid.NewGuid().ToString("N");
        var mine = Slice(0, "uploader-private-name.dcm");
        var theirs = Slice(1, "admin-file.dcm");

        using var first = await UploadAsync(gateway, TestCredentials.UploaderKey, key, mine);
        using var other = await UploadAsync(gateway, TestCredentials.DevApiKey, key, theirs);
        using var reusedWithOtherFiles = await UploadAsync(gateway, TestCredentials.UploaderKey, key, theirs);
        using var retried = await UploadAsync(gateway, TestCredentials.UploaderKey, key, mine);

        var firstBody = await BodyAsync(first, HttpStatusCode.Accepted);
        var otherBody = await BodyAsync(other, HttpStatusCode.Accepted);
        var retriedBody = await BodyAsync(retried, HttpStatusCode.Accepted);
        Assert.NotEqual(Id(firstBody), Id(otherBody));
        Assert.DoesNotContain("uploader-private-name", otherBody.GetRawText());
        Assert.DoesNotContain(firstBody.GetProperty("accepted")[0].GetProperty("sopInstanceUid").GetString()!, otherBody.GetRawText());
        await ProblemAssert.IsProblemAsync(reusedWithOtherFiles, HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        Assert.Equal(Id(firstBody), Id(retriedBody));

        using var admin = fixture.CreateGatewayClient();
        using var deleteFirst = await admin.DeleteAsync($"/results/{Id(firstBody)}");
        using var deleteOther = await admin.DeleteAsync($"/results/{Id(otherBody)}");
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient gateway, string apiKey, string key, (string, byte[]) file)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/upload") { Content = Uploads.Of([file]) };
        request.WithApiKey(apiKey);
        request.Headers.Add("Idempotency-Key", key);
        return await gateway.SendAsync(request);
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Id(JsonElement body) => body.GetProperty("id").GetString()!;
}
