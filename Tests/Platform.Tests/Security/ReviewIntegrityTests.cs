using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Security;

/// <summary>
/// Issue 16: the reviewer of a review was free text (a reviewer could sign as "Dr Chief Radiologist"), If-Match on
/// PUT /results/{id} was optional, and a failed study could be "agreed". Now the reviewer is the authenticated
/// principal, If-Match is required (428) and a verdict needs a completed study (409).
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class ReviewIntegrityTests(ServicesAppFixture fixture)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task GivenACompletedAndAFailedStudy_WhenReviewed_ThenTheReviewerIsTheKeyIfMatchIsRequiredAndTheFailedOneCannotBeAgreed()
    {
        using var admin = fixture.CreateGatewayClient();
        var slices = CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries);
        var completedId = await StudyUploader.UploadAsync(admin, slices.Take(3));
        var failedId = await StudyUploader.UploadAsync(admin, slices.Skip(5).Take(1));
        var (_, completedETag) = await ResultPolling.WaitForStatusAsync(admin, completedId, JobTimeout, "completed");
        var (_, failedETag) = await ResultPolling.WaitForStatusAsync(admin, failedId, JobTimeout, "failed");
        using var reviewer = fixture.CreateAnonymousGatewayClient();

        using var withoutIfMatch = await PutAsync(reviewer, completedId, null, new { review = new { decision = "agree" } });
        using var impersonating = await PutAsync(reviewer, completedId, completedETag,
            new { review = new { decision = "agree", reviewer = "Dr Chief Radiologist" } });
        using var agreed = await PutAsync(reviewer, completedId, completedETag, new { review = new { decision = "agree" } });
        using var agreeWithFailure = await PutAsync(reviewer, failedId, failedETag, new { review = new { decision = "agree" } });
        using var commentOnFailure = await PutAsync(reviewer, failedId, failedETag, new { comment = "Re-sent from the PACS." });

        await ProblemAssert.IsProblemAsync(withoutIfMatch, HttpStatusCode.PreconditionRequired, "precondition-required");
        var impersonation = await ProblemAssert.IsProblemAsync(impersonating, HttpStatusCode.BadRequest, "invalid-metadata");
        Assert.True(impersonation.GetProperty("errors").TryGetProperty("review.reviewer", out _));
        Assert.Equal(HttpStatusCode.OK, agreed.StatusCode);
        var review = JsonDocument.Parse(await agreed.Content.ReadAsStringAsync()).RootElement.GetProperty("metadata").GetProperty("review");
        Assert.Equal(TestCredentials.ReviewerKeyName, review.GetProperty("reviewer").GetString());
        var refused = await ProblemAssert.IsProblemAsync(agreeWithFailure, HttpStatusCode.Conflict, "review-not-allowed");
        Assert.Equal("failed", refused.GetProperty("studyStatus").GetString());
        Assert.Equal(HttpStatusCode.OK, commentOnFailure.StatusCode);

        using var deleteCompleted = await admin.DeleteAsync($"/results/{completedId}");
        using var deleteFailed = await admin.DeleteAsync($"/results/{failedId}");
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient gateway, string id, string? ifMatch, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/results/{id}") { Content = JsonContent.Create(body) };
        request.WithApiKey(TestCredentials.ReviewerKey);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await gateway.SendAsync(request);
    }
}
