using HeadCt.Gateway.Problems;
using HeadCt.Gateway.Security;
using HeadCt.Services.Common.Problems;
using HeadCt.Services.Common.Storage;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Audit;

/// <summary><c>GET /audit?study=…&amp;from=…&amp;to=…</c> for admins: the trail's events, oldest first.</summary>
public static class AuditApi
{
    public sealed record AuditPage(DateTimeOffset From, DateTimeOffset To, string? Study, IReadOnlyList<AuditEvent> Events);

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit", QueryAsync)
            .RequireAuthorization(GatewayAuthentication.AdminPolicy)
            .WithName("GetAuditTrail")
            .WithSummary("Who uploaded, viewed, reviewed and deleted which study, when and from where (admin). " +
                         "?study=<id>&from=<ISO 8601>&to=<ISO 8601>; default the last 24 hours.")
            .WithTags("Audit")
            .Produces<AuditPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> QueryAsync(
        string? study, DateTimeOffset? from, DateTimeOffset? to, IAuditTrail trail, TimeProvider time,
        IOptions<AuditOptions> options, CancellationToken cancellationToken)
    {
        if (study is not null && !StudyId.IsValid(study))
        {
            return GatewayProblems.BadRequest("Invalid study.", "'study' is a study id (32 lowercase hex digits).");
        }

        var end = to ?? time.GetUtcNow().AddMinutes(1);
        var start = from ?? end.AddDays(-1);
        if (start >= end || end - start > options.Value.MaxQueryRange)
        {
            return GatewayProblems.BadRequest("Invalid time range.",
                $"'from' must be before 'to', at most {options.Value.MaxQueryRange.TotalDays:0.#} days apart.");
        }

        try
        {
            var events = await trail.QueryAsync(start, end, study, cancellationToken);
            return Results.Json(new AuditPage(start, end, study, events), GatewayJson.Options);
        }
        catch (StorageUnavailableException)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, type: ProblemTypes.StorageUnavailable,
                title: "Storage is unavailable.", detail: "The audit trail could not be read. Retry later.");
        }
    }
}
