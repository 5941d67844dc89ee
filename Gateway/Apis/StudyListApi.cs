using System.Text.Json;
using HeadCt.Gateway.Features.Results;
using HeadCt.Gateway.Storage;
using HeadCt.Services.Common.Storage;
using static HeadCt.Gateway.Problems.GatewayProblems;

namespace HeadCt.Gateway.Apis;

/// <summary>
/// The recent studies for the web page's list: the gateway's own upload index, newest first, with each study's
/// status asked of the processor (a few requests at a time, so a long list does not flood it).
/// </summary>
public static class StudyListApi
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    private const int StatusRequestsAtOnce = 8;

    public static IEndpointRouteBuilder MapStudyListApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/results").WithTags("Results")
            .MapGet("", ListAsync)
            .WithName("ListRecentStudies")
            .WithSummary($"The most recent uploads, newest first (?limit=1-{MaxLimit}, default {DefaultLimit}): id, status, upload time, file count.")
            .Produces<StudyList>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<IResult> ListAsync(
        string? limit, IStudyStore studies, ProcessorClient processor, CancellationToken cancellationToken)
    {
        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out count) || count is < 1 or > MaxLimit))
        {
            return BadRequest("Invalid limit.", $"limit is a whole number from 1 to {MaxLimit}.");
        }

        IReadOnlyList<RecentStudy> recent;
        try
        {
            recent = await studies.ListRecentAsync(count, cancellationToken);
        }
        catch (StorageUnavailableException)
        {
            return StorageUnavailable();
        }

        var items = new StudyListItem[recent.Count];
        await Parallel.ForAsync(0, recent.Count,
            new ParallelOptions { MaxDegreeOfParallelism = StatusRequestsAtOnce, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var study = recent[i];
                var (status, failureReason) = await ReadStatusAsync(processor, study.Id, token);
                items[i] = new StudyListItem(study.Id, status, failureReason, study.UploadedAt, study.FileCount);
            });
        return Results.Json(new StudyList(items), GatewayJson.Options);
    }

    /// <summary>The processor's status of the study; null when it has no result for it or cannot be reached.</summary>
    private static async Task<(string? Status, string? FailureReason)> ReadStatusAsync(
        ProcessorClient processor, string id, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await processor.GetResultAsync(id, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return (null, null);
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            var root = document.RootElement;
            return (StringOrNull(root, "status"), StringOrNull(root, "failureReason"));
        }
        catch (Exception e) when (e is ProcessorUnavailableException or JsonException)
        {
            return (null, null);
        }
    }

    private static string? StringOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>The body of GET /results.</summary>
public sealed record StudyList(IReadOnlyList<StudyListItem> Studies);

/// <summary>One recent study; <see cref="Status"/> is null when the processor could not say.</summary>
public sealed record StudyListItem(string Id, string? Status, string? FailureReason, DateTimeOffset UploadedAt, int FileCount);
