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
            "The centre axial, coronal and sagittal planes (brain window) as base64 PNGs, and links to every projection.");
        Map(renderings, "attention-maps", "GetAttentionMaps",
            "Where the model looked: the key slice with the heat map blended in (base64 PNG, attention_map), the key slices, the peak, and links to the overlay and heat-map PNGs.");
        MapImage(renderings, "/projections/{id}/{plane}.png", "GetProjectionPng",
            "One projection: plane axial|coronal|sagittal, ?window=brain|subdural|stroke|bone&mode=plane|mip|minip|mean&slab=10.");
        MapImage(renderings, "/studies/{id}/slices/{index}.png", "GetSlicePng",
            "One axial plane for a viewer, ?window=brain; index 0 is the most inferior plane (the result document has the count).");
        MapImage(renderings, "/attention-maps/{id}/overlays/{index}.png", "GetAttentionOverlayPng",
            "A key slice (see GET /attention-maps/{id}) in the brain window with the attention heat map blended in.");
        MapImage(renderings, "/attention-maps/{id}/heatmaps/{index}.png", "GetAttentionHeatmapPng",
            "The RGBA attention heat map of one viewer slice (same field of view as /studies/{id}/slices/{index}.png, at most 128 px a side).");
        MapImage(renderings, "/attention-maps/{id}/volume", "GetAttentionVolume",
            "The attention on the CT grid for the viewer to fuse over the CT (application/octet-stream: a length-prefixed JSON header with the geometry, then one byte per voxel, 0–255 of the peak).");
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

    /// <summary>
    /// A PNG route whose processor path is the same as the public one: <paramref name="pattern"/> has the placeholders
    /// {id} and {index} or {plane}, which are filled in escaped; the query string is passed on as it is.
    /// </summary>
    private static void MapImage(RouteGroupBuilder group, string pattern, string name, string summary) =>
        group.MapGet(pattern, (HttpRequest request, ProcessorClient processor, CancellationToken cancellationToken) =>
            {
                var id = (string)request.RouteValues["id"]!;
                if (!StudyId.IsValid(id))
                {
                    return Task.FromResult(StudyNotFound(id));
                }

                var path = pattern.TrimStart('/');
                foreach (var (key, value) in request.RouteValues)
                {
                    path = path.Replace("{" + key + "}", Uri.EscapeDataString(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""), StringComparison.Ordinal);
                }

                return ResultsApi.ProxyAsync(() => processor.GetImageAsync(
                    path + request.QueryString.Value, request.Headers.IfNoneMatch.ToString(), cancellationToken));
            })
            .WithName(name)
            .WithSummary(summary)
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
