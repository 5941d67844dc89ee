using System.Globalization;
using HeadCt.Imaging.Projections;
using HeadCt.Imaging.Rendering;
using HeadCt.Processor.Pipeline.Volumes;
using HeadCt.Processor.Pipeline;
using HeadCt.Processor.Problems;
using HeadCt.Processor.Renderings;
using HeadCt.Processor.Results;
using HeadCt.Processor.Storage;
using HeadCt.Services.Common.Storage;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Apis;

/// <summary>
/// Images rendered at job time and stored in blob storage: projections and viewer slices. The result document
/// (Redis-first) says whether and what was rendered; the PNG bytes come from blob storage with their ETag.
/// </summary>
public static class RenderingsApi
{
    /// <summary>The original contract: the three centre planes in the brain window as base64 PNGs, plus links to every stored projection.</summary>
    public sealed record ProjectionsResponse(string Axial, string Coronal, string Sagittal, IReadOnlyList<ProjectionRecord> Links);

    private static readonly AnatomicalPlane[] CentrePlanes = [AnatomicalPlane.Axial, AnatomicalPlane.Coronal, AnatomicalPlane.Sagittal];

    public static IEndpointRouteBuilder MapRenderingsApi(this IEndpointRouteBuilder app)
    {
        var renderings = app.MapGroup("").WithTags("Renderings");

        renderings.MapGet("/projections/{id}", GetProjectionsAsync)
            .WithName("GetProjections")
            .WithSummary("Axial, coronal and sagittal centre planes (brain window) as base64 PNGs, and links to every stored projection.")
            .Produces<ProjectionsResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        renderings.MapGet("/projections/{id}/{plane}.png", GetProjectionPngAsync)
            .WithName("GetProjectionPng")
            .WithSummary("One stored projection: plane axial|coronal|sagittal, window brain|subdural|stroke|bone, mode plane|mip|minip|mean, slab in mm.")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        renderings.MapGet("/studies/{id}/slices/{index}.png", GetSlicePngAsync)
            .WithName("GetSlicePng")
            .WithSummary("One axial plane of the volume for a viewer; 0 is the most inferior plane.")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    private static async Task<IResult> GetProjectionsAsync(
        string id, IResultStore results, RenderingStore renderings, CancellationToken cancellationToken)
    {
        var (imaging, problem) = await ImagingOfAsync(id, results, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var planes = new string[3];
        foreach (var plane in CentrePlanes)
        {
            var key = ProjectionRequest.CentrePlane(plane, Window.Brain).Key;
            if (await renderings.GetAsync(StudyBlobLayout.Projection(id, key), cancellationToken) is not { } stored)
            {
                return ProcessorProblems.NotRendered(id, "projections");
            }

            planes[(int)plane] = Convert.ToBase64String(stored.Png.Span);
        }

        return HttpResults.Json(new ProjectionsResponse(planes[0], planes[1], planes[2], imaging!.Projections), ProcessorJson.Options);
    }

    private static async Task<IResult> GetProjectionPngAsync(
        string id, string plane, string? window, string? mode, string? slab,
        IResultStore results, RenderingStore renderings, IOptions<PipelineOptions> options, CancellationToken cancellationToken)
    {
        if (!ProjectionQuery.TryParse(plane, window, mode, slab, options.Value.SlabMm, out var request, out var error))
        {
            return ProcessorProblems.InvalidRequest(error!);
        }

        var (_, problem) = await ImagingOfAsync(id, results, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return await renderings.GetAsync(StudyBlobLayout.Projection(id, request!.Key), cancellationToken) is { } stored
            ? new PngResult(stored)
            : ProcessorProblems.NotRendered(id, $"projection {request.Key}");
    }

    private static async Task<IResult> GetSlicePngAsync(
        string id, string index, string? window, IResultStore results, RenderingStore renderings, CancellationToken cancellationToken)
    {
        var windowName = window ?? ProjectionQuery.DefaultWindow;
        if (!ImagingStage.SliceWindows.Any(stored => string.Equals(stored.Name, windowName, StringComparison.OrdinalIgnoreCase)))
        {
            return ProcessorProblems.InvalidRequest(
                $"Unknown slice window '{windowName}'; allowed: {string.Join(", ", ImagingStage.SliceWindows.Select(w => w.Name))}.");
        }

        if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var sliceIndex))
        {
            return ProcessorProblems.InvalidRequest($"The slice index '{index}' is not a non-negative integer.");
        }

        var (imaging, problem) = await ImagingOfAsync(id, results, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (imaging!.Slices is not { } slices)
        {
            return ProcessorProblems.NotRendered(id, "slices");
        }

        if (sliceIndex >= slices.Count)
        {
            return ProcessorProblems.SliceOutOfRange(id, slices.Count);
        }

        return await renderings.GetAsync(StudyBlobLayout.Slice(id, sliceIndex, windowName.ToLowerInvariant()), cancellationToken) is { } stored
            ? new PngResult(stored)
            : ProcessorProblems.NotRendered(id, "slices");
    }

    /// <summary>The imaging record of a completed study, or the problem that answers instead (404, 409, not-rendered).</summary>
    private static async Task<(ImagingRecord? Imaging, IResult? Problem)> ImagingOfAsync(
        string id, IResultStore results, CancellationToken cancellationToken)
    {
        var (document, problem) = await CompletedStudy.GetAsync(id, results, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        return document!.Imaging is { Geometry: not null } imaging
            ? (imaging, null)
            : (null, ProcessorProblems.NotRendered(id, "projections"));
    }
}
