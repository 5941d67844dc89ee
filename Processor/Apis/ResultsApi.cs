using System.Text.Json;
using HeadCt.Processor.Problems;
using HeadCt.Processor.Renderings;
using HeadCt.Processor.Results;
using HeadCt.Processor.Storage;
using HeadCt.Processor.Telemetry;
using HeadCt.Services.Common.Storage;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.AspNetCore.Mvc;

namespace HeadCt.Processor.Apis;

/// <summary>Result documents: the gateway relays these routes to the public.</summary>
public static class ResultsApi
{
    public static IEndpointRouteBuilder MapResultsApi(this IEndpointRouteBuilder app)
    {
        var results = app.MapGroup("/results").WithTags("Results");

        results.MapGet("/{id}", GetAsync)
            .WithName("GetResult")
            .WithSummary("The result document, from the cache or else blob storage, with its ETag.")
            .Produces<ResultDocument>(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);

        results.MapPut("/{id}", PutAsync)
            .WithName("UpdateResultMetadata")
            .WithSummary("Replace the result's metadata; a stale If-Match gives 412.")
            .Accepts<MetadataUpdate>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        results.MapDelete("/{id}", DeleteAsync)
            .WithName("DeleteResult")
            .WithSummary("Delete the result document and its cache entry; queued work for it is dropped when taken.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> GetAsync(string id, IResultStore results, CancellationToken cancellationToken)
    {
        if (!StudyId.IsValid(id) || await results.GetAsync(id, cancellationToken) is not { } stored)
        {
            return ProcessorProblems.StudyNotFound(id);
        }

        return new StoredResultResponse(stored);
    }

    private static async Task<IResult> PutAsync(
        string id,
        MetadataUpdate update,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        IResultStore results,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!StudyId.IsValid(id))
        {
            return ProcessorProblems.StudyNotFound(id);
        }

        var now = time.GetUtcNow();
        var metadata = update.ToMetadata(now);
        IResult? refused = null;
        var outcome = await results.UpdateAsync(id, document =>
        {
            // A verdict needs a finding to judge: a failed or unfinished study, or one the model does not apply to,
            // can carry comments and tags, not a decision.
            if (metadata.Review is not null && ReviewRefusal(document) is { } refusal)
            {
                refused = refusal;
                return null;
            }

            // The same decision saved again stays the decision of whoever made it, when they made it.
            var kept = metadata.Review?.Decision is { } same && document.Metadata.Review?.Decision == same
                ? metadata with { Review = document.Metadata.Review }
                : metadata;
            var entry = ReviewHistoryEntry.Of(document.Metadata, kept, update.Author, now);
            return document with
            {
                Metadata = kept,
                ReviewHistory = entry is null ? document.ReviewHistory : [.. document.ReviewHistory, entry],
            };
        }, ifMatch, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        return outcome switch
        {
            ResultUpdate.Updated updated => new StoredResultResponse(updated.Result),
            ResultUpdate.Unchanged unchanged => new StoredResultResponse(unchanged.Result),
            ResultUpdate.PreconditionFailed => ProcessorProblems.PreconditionFailed(id),
            _ => ProcessorProblems.StudyNotFound(id),
        };
    }

    private static IResult? ReviewRefusal(ResultDocument document) => document switch
    {
        { Status: not ResultStatus.Completed } => ProcessorProblems.ReviewNotAllowed(document.Id, document.Status),
        { Applicability.Applicable: false } => ProcessorProblems.ReviewNotApplicable(document.Id, document.Applicability!.Summary),
        _ => null,
    };

    private static async Task<IResult> DeleteAsync(
        string id, IResultStore results, RenderingStore renderings, StudyViewCache views, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (!StudyId.IsValid(id))
        {
            return ProcessorProblems.StudyNotFound(id);
        }

        // What images are drawn from first: a failure leaves the document, so the DELETE can be repeated.
        views.Evict(id);
        await renderings.DeleteAllAsync(id, cancellationToken);
        if (!await results.DeleteAsync(id, cancellationToken))
        {
            return ProcessorProblems.StudyNotFound(id);
        }

        Log.ResultDeleted(loggers.CreateLogger(typeof(ResultsApi)), id);
        return HttpResults.NoContent();
    }

    /// <summary>Writes the stored JSON bytes as they are, with their ETag: no re-serialisation on the read path.</summary>
    private sealed class StoredResultResponse(StoredResult stored) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            httpContext.Response.Headers.ETag = stored.ETag;
            await httpContext.Response.Body.WriteAsync(stored.Json, httpContext.RequestAborted);
        }
    }
}
