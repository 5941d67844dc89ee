using System.Text.Json;
using HeadCt.Gateway.Problems;
using HeadCt.Gateway.Security;
using HeadCt.Services.Common.Problems;
using HeadCt.Services.Common.Storage;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Audit;

/// <summary>
/// <c>GET /audit?study=…&amp;from=…&amp;to=…&amp;limit=…&amp;cursor=…</c> for admins: a page of the trail's events in the order
/// they were written, written out as they are read, with <c>next</c>, the link to the following page (absent on the last).
/// </summary>
public static class AuditApi
{
    public sealed record AuditPage(DateTimeOffset From, DateTimeOffset To, string? Study, IReadOnlyList<AuditEvent> Events, string? Next);

    private static readonly JsonSerializerOptions Json = new(GatewayJson.Options)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit", QueryAsync)
            .RequireAuthorization(GatewayAuthentication.AdminPolicy)
            .WithName("GetAuditTrail")
            .WithSummary("Who uploaded, viewed, reviewed and deleted which study, when and from where (admin). " +
                         "?study=<id>&from=<ISO 8601>&to=<ISO 8601>&limit=<n>&cursor=<from 'next'>; default the last 24 hours.")
            .WithTags("Audit")
            .Produces<AuditPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> QueryAsync(
        HttpContext context, string? study, DateTimeOffset? from, DateTimeOffset? to, int? limit, string? cursor,
        IAuditTrail trail, TimeProvider time, IOptions<AuditOptions> options, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (study is not null && !StudyId.IsValid(study))
        {
            return GatewayProblems.BadRequest("Invalid study.", "'study' is a study id (32 lowercase hex digits).");
        }

        if (limit is < 1 || limit > settings.MaxPageSize)
        {
            return GatewayProblems.BadRequest("Invalid limit.", $"'limit' is a whole number from 1 to {settings.MaxPageSize}.");
        }

        AuditCursor? after = null;
        if (cursor is not null && !AuditCursor.TryParse(cursor, out after))
        {
            return GatewayProblems.BadRequest("Invalid cursor.", "'cursor' must be the value a previous page gave in 'next'.");
        }

        var end = to ?? time.GetUtcNow().AddMinutes(1);
        var start = from ?? end.AddDays(-1);
        if (start >= end || end - start > settings.MaxQueryRange)
        {
            return GatewayProblems.BadRequest("Invalid time range.",
                $"'from' must be before 'to', at most {settings.MaxQueryRange.TotalDays:0.#} days apart.");
        }

        var pageSize = limit ?? settings.MaxPageSize;
        var query = new AuditQuery(start, end, study, after);
        // The first event is read before answering, so an unreachable trail is still a problem response.
        var events = trail.ReadAsync(query, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            var hasFirst = await events.MoveNextAsync();
            return new PageResult(query, pageSize, events, hasFirst, context.Request.QueryString);
        }
        catch (StorageUnavailableException)
        {
            await events.DisposeAsync();
            return Unavailable();
        }
    }

    private static IResult Unavailable() => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
        type: ProblemTypes.StorageUnavailable, title: "Storage is unavailable.", detail: "The audit trail could not be read. Retry later.");

    /// <summary>Writes the page as events arrive: <c>{from, to, study, events: [...], next}</c>.</summary>
    private sealed class PageResult(
        AuditQuery query, int pageSize, IAsyncEnumerator<(AuditEvent Event, AuditCursor Next)> events, bool hasFirst, QueryString original)
        : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            await using var owned = events;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            await using var writer = new Utf8JsonWriter(httpContext.Response.Body);
            writer.WriteStartObject();
            writer.WriteString("from", query.From);
            writer.WriteString("to", query.To);
            writer.WriteString("study", query.StudyId);
            writer.WriteStartArray("events");
            AuditCursor? last = null;
            var written = 0;
            var more = hasFirst;
            while (more && written < pageSize)
            {
                JsonSerializer.Serialize(writer, events.Current.Event, Json);
                last = events.Current.Next;
                written++;
                if (writer.BytesPending > 32 * 1024)
                {
                    await writer.FlushAsync(httpContext.RequestAborted);
                }

                more = await events.MoveNextAsync();
            }

            writer.WriteEndArray();
            if (more && last is not null)
            {
                writer.WriteString("next", "/audit" + NextQuery(last));
            }
            else
            {
                writer.WriteNull("next");
            }

            writer.WriteEndObject();
            await writer.FlushAsync(httpContext.RequestAborted);
        }

        private string NextQuery(AuditCursor cursor)
        {
            var parameters = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(original.Value);
            var kept = parameters.Where(p => p.Key is not ("cursor" or "from" or "to"))
                .SelectMany(p => p.Value.Select(value => new KeyValuePair<string, string?>(p.Key, value)))
                .Append(new("from", query.From.ToString("O")))
                .Append(new("to", query.To.ToString("O")))
                .Append(new("cursor", cursor.ToString()));
            return QueryString.Create(kept).Value!;
        }
    }
}
