using System.Text.Json;
using HeadCt.Gateway.Features.Delete;
using HeadCt.Gateway.Features.Results;
using HeadCt.Gateway.Security;
using HeadCt.Gateway.Storage;
using HeadCt.Services.Common.Storage;
using Microsoft.AspNetCore.Mvc;
using static HeadCt.Gateway.Problems.GatewayProblems;

namespace HeadCt.Gateway.Apis;

public static class ResultsApi
{
    private const int MaxMetadataBodyBytes = 64 * 1024;

    private static readonly JsonSerializerOptions StrictJson = new(GatewayJson.Options)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static IEndpointRouteBuilder MapResultsApi(this IEndpointRouteBuilder app)
    {
        var results = app.MapGroup("/results").WithTags("Results");

        results.MapGet("/{id}", GetAsync)
            .WithName("GetResult")
            .WithSummary("The study's result document (status, series summary, model applicability and output, metadata) with its ETag.")
            .Produces<ResultDocumentSchema>(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);

        results.MapPut("/{id}", PutAsync)
            .WithName("UpdateResultMetadata")
            .WithSummary("Replace the result's metadata (comment, review, tags). If-Match with the ETag of the document read is " +
                         "required (428 without it, 412 when stale); the reviewer is the signed-in principal.")
            .Accepts<MetadataUpdate>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);

        results.MapDelete("/{id}", DeleteAsync)
            .WithName("DeleteStudy")
            .WithSummary("Delete the study: its DICOM files, result, cache entries and queued work.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> GetAsync(string id, ProcessorClient processor, CancellationToken cancellationToken)
    {
        if (!StudyId.IsValid(id))
        {
            return StudyNotFound(id);
        }

        return await ProxyAsync(() => processor.GetResultAsync(id, cancellationToken));
    }

    private static async Task<IResult> PutAsync(
        string id,
        HttpRequest request,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        ProcessorClient processor,
        CancellationToken cancellationToken)
    {
        if (!StudyId.IsValid(id))
        {
            return StudyNotFound(id);
        }

        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return PreconditionRequired();
        }

        if (request.ContentLength > MaxMetadataBodyBytes)
        {
            return InvalidMetadata(new Dictionary<string, string[]> { [""] = [$"The body is larger than {MaxMetadataBodyBytes} bytes."] });
        }

        MetadataUpdate? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<MetadataUpdate>(request.Body, StrictJson, cancellationToken);
        }
        catch (JsonException e)
        {
            return InvalidMetadata(new Dictionary<string, string[]> { [e.Path ?? ""] = ["Not valid metadata JSON."] });
        }

        if (update is null)
        {
            return InvalidMetadata(new Dictionary<string, string[]> { [""] = ["A JSON object is required."] });
        }

        var errors = MetadataValidator.Validate(update);
        var reviewer = ReviewerName.Of(request.HttpContext.User);
        if (update.Review?.Reviewer is { } claimed && claimed != reviewer)
        {
            errors["review.reviewer"] = [$"The reviewer is the signed-in principal ('{reviewer}'); leave this field out."];
        }

        if (errors.Count > 0)
        {
            return InvalidMetadata(errors);
        }

        update = update with { Review = update.Review is { } review ? review with { Reviewer = reviewer } : null };

        return await ProxyAsync(() => processor.PutMetadataAsync(id, update, reviewer, ifMatch, cancellationToken));
    }

    private static async Task<IResult> DeleteAsync(string id, DeleteStudyService deletes, CancellationToken cancellationToken)
    {
        if (!StudyId.IsValid(id))
        {
            return StudyNotFound(id);
        }

        try
        {
            return await deletes.DeleteAsync(id, cancellationToken) ? Results.NoContent() : StudyNotFound(id);
        }
        catch (ProcessorUnavailableException e)
        {
            return ProcessorUnavailable(e);
        }
        catch (StorageUnavailableException)
        {
            return StorageUnavailable();
        }
    }

    internal static async Task<IResult> ProxyAsync(Func<Task<HttpResponseMessage>> call)
    {
        try
        {
            return new ProxiedResult(await call());
        }
        catch (ProcessorUnavailableException e)
        {
            return ProcessorUnavailable(e);
        }
    }
}
