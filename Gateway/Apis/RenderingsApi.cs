using HeadCt.Gateway.Features.Results;
using HeadCt.Gateway.Storage;
using HeadCt.Services.Common.Storage;
using static HeadCt.Gateway.Problems.GatewayProblems;

namespace HeadCt.Gateway.Apis;

/// <summary>
/// Images derived from a completed study, relayed from the processor as they are (status, problem details, ETag,
/// Cache-Control; If-None-Match is passed on so a cached PNG costs a 304).
/// </summary>
public static class RenderingsApi
{
    public static IEndpointRouteBuilder MapRenderingsApi(this IEndpointRouteBuilder app)
    {
        var renderings = app.MapGroup("").WithTags("Renderings");
        Map(renderings, "projections", "GetProjections",
            "The centre axial, coronal and sagittal planes (brain window) as base64 PNGs, and links to every stored projection.");
        Map(renderings, "attention-maps", "GetAttentionMaps", "The model's attention maps over the study.");

        renderings.MapGet("/projections/{id}/{plane}.png", (string id, string plane, HttpRequest request, ProcessorClient processor, CancellationToken cancellationToken) =>
                RelayImageAsync(id, $"projections/{id}/{Uri.EscapeDataString(plane)}.png", request, processor, cancellationToken))
            .WithName("GetProjectionPng")
            .WithSummary("One stored projection: plane axial|coronal|sagittal, ?window=brain|subdural|stroke|bone&mode=plane|mip|minip|mean&slab=10.")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        renderings.MapGet("/studies/{id}/slices/{index}.png", (string id, string index, HttpRequest request, ProcessorClient processor, CancellationToken cancellationToken) =>
                RelayImageAsync(id, $"studies/{id}/slices/{Uri.EscapeDataString(index)}.png", request, processor, cancellationToken))
            .WithName("GetSlicePng")
            .WithSummary("One axial plane for a viewer, ?window=brain; index 0 is the most inferior plane (the result document has the count).")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static void Map(RouteGroupBuilder group, string kind, string name, string summary) =>
        group.MapGet($"/{kind}/{{id}}", (string id, ProcessorClient processor, CancellationToken cancellationToken) =>
                StudyId.IsValid(id)
                    ? ResultsApi.ProxyAsync(() => processor.GetRenderingAsync(kind, id, cancellationToken))
                    : Task.FromResult(StudyNotFound(id)))
            .WithName(name)
            .WithSummary(summary)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static Task<IResult> RelayImageAsync(
        string id, string path, HttpRequest request, ProcessorClient processor, CancellationToken cancellationToken) =>
        StudyId.IsValid(id)
            ? ResultsApi.ProxyAsync(() => processor.GetImageAsync(path + request.QueryString.Value, request.Headers.IfNoneMatch.ToString(), cancellationToken))
            : Task.FromResult(StudyNotFound(id));
}
