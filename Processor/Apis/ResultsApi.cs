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

        var metadata = update.ToMetadata(time.GetUtcNow());
        ResultStatus? refusedStatus = null;
        var outcome = await results.UpdateAsync(id, document =>
        {
            // A verdict needs a result to judge: a failed (or unfinished) study can carry comments and tags, not a review.
            if (metadata.Review is not null && document.Status != ResultStatus.Completed)
            {
                refusedStatus = document.Status;
                return null;
            }

            return document with { Metadata = metadata };
        }, ifMatch, cancellationToken);
        if (refusedStatus is { } status)
        {
            return ProcessorProblems.ReviewNotAllowed(id, status);
        }

        return outcome switch
        {
            ResultUpdate.Updated updated => new StoredResultResponse(updated.Result),
            ResultUpdate.Unchanged unchanged => new StoredResultResponse(unchanged.Result),
            ResultUpdate.PreconditionFailed => ProcessorProblems.PreconditionFailed(id),
            _ => ProcessorProblems.StudyNotFound(id),
        };
    }

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
