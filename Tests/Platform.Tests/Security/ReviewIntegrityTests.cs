using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Security;

/// <summary>
/// Issue 16: the reviewer of a review was free text (a reviewer could sign as "Dr Chief Radiologist"), If-Match on
/// PUT /results/{id} was optional, and a failed study could be "agreed". Now the reviewer is the authenticated
/// principal, If-Match is required (428) and a verdict needs a completed study (409); issue 20 adds the model's
/// applicability to that rule and keeps the review history.
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
        var completedId = await StudyUploader.UploadAsync(admin, PhantomHeads.WithSubduralLesion());
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

    /// <summary>
    /// Issue 20 §5: a decision needs a finding to judge, so a study the model does not apply to (the corpus's abdomen
    /// CT) refuses one with 409 and the reason in words, like a failed study: the request is well formed and would be
    /// accepted on another study, it conflicts with this study's state (RFC 9110 §15.5.10), not with its own content
    /// (422). Every saved change is kept in the review history with who saved it: the key's name, or the organisation
    /// token's display name.
    /// </summary>
    [Fact]
    public async Task GivenANotApplicableAndACompletedStudy_WhenReviewedByAKeyAndAToken_ThenTheDecisionIsRefusedWhereNoFindingAndTheHistoryNamesEachReviewer()
    {
        using var admin = fixture.CreateGatewayClient();
        var completedId = await StudyUploader.UploadAsync(admin, PhantomHeads.WithSubduralLesion());
        var abdomenId = await StudyUploader.UploadAsync(admin, CorpusFiles.SeriesFiles("series/ct_3slice_implicit_dcmqi"));
        var (completed, completedETag) = await ResultPolling.WaitForStatusAsync(admin, completedId, JobTimeout, "completed");
        var (abdomen, abdomenETag) = await ResultPolling.WaitForStatusAsync(admin, abdomenId, JobTimeout, "completed");
        Assert.True(completed.GetProperty("applicability").GetProperty("applicable").GetBoolean());
        Assert.False(abdomen.GetProperty("applicability").GetProperty("applicable").GetBoolean());
        using var gateway = fixture.CreateAnonymousGatewayClient();
        var token = TestTokens.Create("u-4711", ["reviewer"], claims: new Dictionary<string, object> { ["name"] = "Dr Token Reviewer" });

        using var agreeNotApplicable = await PutAsync(gateway, abdomenId, abdomenETag, new { review = new { decision = "agree" } });
        using var commentNotApplicable = await PutAsync(gateway, abdomenId, abdomenETag, new { comment = "Abdomen sent by mistake." });
        using var agreed = await PutAsync(gateway, completedId, completedETag, new { review = new { decision = "agree" } });
        using var disagreed = await PutAsync(gateway, completedId, agreed.Headers.ETag?.ToString(),
            new { comment = "Motion artefact, not blood.", review = new { decision = "disagree" } }, bearer: token);
        using var unchanged = await PutAsync(gateway, completedId, disagreed.Headers.ETag?.ToString(),
            new { comment = "Motion artefact, not blood.", review = new { decision = "disagree" } });

        var refused = await ProblemAssert.IsProblemAsync(agreeNotApplicable, HttpStatusCode.Conflict, "review-not-allowed");
        Assert.False(refused.GetProperty("applicable").GetBoolean());
        Assert.Contains("does not apply", refused.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, commentNotApplicable.StatusCode);
        var abdomenHistory = await HistoryAsync(commentNotApplicable);
        Assert.Equal<(string?, string?, string?)>((null, "Abdomen sent by mistake.", TestCredentials.ReviewerKeyName), Assert.Single(abdomenHistory));

        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        var history = await HistoryAsync(unchanged);
        // The third save changed nothing: no entry, and the decision stays the token holder's.
        Assert.Equal(
            new List<(string?, string?, string?)> { ("agree", null, TestCredentials.ReviewerKeyName), ("disagree", "Motion artefact, not blood.", "Dr Token Reviewer") },
            history);
        var read = await admin.GetFromJsonAsync<JsonElement>($"/results/{completedId}");
        Assert.Equal("Dr Token Reviewer", read.GetProperty("metadata").GetProperty("review").GetProperty("reviewer").GetString());
        var savedAt = read.GetProperty("reviewHistory").EnumerateArray().Select(entry => entry.GetProperty("savedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(savedAt.Order(), savedAt);

        using var deleteCompleted = await admin.DeleteAsync($"/results/{completedId}");
        using var deleteAbdomen = await admin.DeleteAsync($"/results/{abdomenId}");
    }

    private static async Task<List<(string? Decision, string? Comment, string? Reviewer)>> HistoryAsync(HttpResponseMessage response)
    {
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return document.GetProperty("reviewHistory").EnumerateArray()
            .Select(entry => (entry.GetProperty("decision").GetString(), entry.GetProperty("comment").GetString(), entry.GetProperty("reviewer").GetString()))
            .ToList();
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient gateway, string id, string? ifMatch, object body, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/results/{id}") { Content = JsonContent.Create(body) };
        if (bearer is null)
        {
            request.WithApiKey(TestCredentials.ReviewerKey);
        }
        else
        {
            request.WithBearer(bearer);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await gateway.SendAsync(request);
    }
}
