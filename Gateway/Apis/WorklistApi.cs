using System.Globalization;
using HeadCt.Gateway.Features.DicomWeb;
using HeadCt.StudyIndex.Worklist;
using static HeadCt.Gateway.Problems.GatewayProblems;

namespace HeadCt.Gateway.Apis;

/// <summary>
/// GET /worklist: the studies of the index, filtered and sorted for triage (applicable positive findings first by
/// probability, then arrival order) or by time (newest first), a page at a time.
/// </summary>
public static class WorklistApi
{
    public const int MaxLimit = 100;
    private static readonly string[] Statuses = ["queued", "processing", "completed", "failed"];
    private static readonly string[] Applicabilities = ["applicable", "not-applicable", "unknown"];
    private static readonly string[] Decisions = ["positive", "negative", "none"];
    private static readonly string[] Reviews = ["agree", "disagree", "uncertain", "unreviewed"];

    public static IEndpointRouteBuilder MapWorklistApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/worklist", ListAsync)
            .WithName("Worklist").WithTags("Worklist").RequireCors(DicomWebOptions.CorsPolicy)
            .WithSummary("Studies from the index: ?status=&from=&to=&modality=&applicability=&decision=&review=&sort=priority|time&limit=1-100&offset=")
            .Produces<WorklistPage>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext context, WorklistSearch search, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var statuses = query["status"].SelectMany(value => (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (statuses.FirstOrDefault(status => !Statuses.Contains(status)) is { } unknownStatus)
        {
            return BadRequest("Invalid status.", $"'{unknownStatus}' is not one of {string.Join(", ", Statuses)}.");
        }

        if (!TryTime(query["from"], out var from) || !TryTime(query["to"], out var to))
        {
            return BadRequest("Invalid date range.", "from and to are ISO 8601 dates or date-times (to is exclusive).");
        }

        if (from is not null && to is not null && from >= to)
        {
            return BadRequest("Invalid date range.", "from must be before to.");
        }

        if (!OneOf(query["applicability"], Applicabilities, out var applicability) || !OneOf(query["decision"], Decisions, out var decision) ||
            !OneOf(query["review"], Reviews, out var review) || !OneOf(query["sort"], ["priority", "time"], out var sort))
        {
            return BadRequest("Invalid filter.", $"applicability is {string.Join("|", Applicabilities)}; decision {string.Join("|", Decisions)}; review {string.Join("|", Reviews)}; sort priority|time.");
        }

        var modality = query["modality"].FirstOrDefault();
        if (modality is not null && (modality.Length is 0 or > 16 || !modality.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_')))
        {
            return BadRequest("Invalid modality.", "modality is a DICOM modality code such as CT.");
        }

        if (!TryCount(query["limit"], 20, 1, MaxLimit, out var limit) || !TryCount(query["offset"], 0, 0, int.MaxValue, out var offset))
        {
            return BadRequest("Invalid page.", $"limit is 1-{MaxLimit}, offset 0 or more.");
        }

        var worklistQuery = new WorklistQuery
        {
            Statuses = statuses, ReceivedFrom = from, ReceivedTo = to, Modality = modality, Applicability = applicability,
            Decision = decision, Review = review, Sort = sort == "time" ? WorklistSort.Time : WorklistSort.Priority,
            Limit = limit, Offset = offset,
        };
        var (items, more) = await search.SearchAsync(worklistQuery, cancellationToken);
        return Results.Json(new WorklistPage(items, limit, offset, more ? offset + limit : null), GatewayJson.Options);
    }

    private static bool TryTime(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    private static bool OneOf(string? text, string[] allowed, out string? value)
    {
        value = string.IsNullOrEmpty(text) ? null : text;
        return value is null || allowed.Contains(value);
    }

    private static bool TryCount(string? text, int fallback, int min, int max, out int value)
    {
        value = fallback;
        return string.IsNullOrEmpty(text) || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }
}

/// <summary>The body of GET /worklist; <see cref="NextOffset"/> is null on the last page.</summary>
public sealed record WorklistPage(IReadOnlyList<WorklistItem> Items, int Limit, int Offset, int? NextOffset);
