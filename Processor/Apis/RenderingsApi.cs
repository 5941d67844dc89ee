using System.Globalization;
using HeadCt.Imaging.Projections;
using HeadCt.Imaging.Rendering;
using HeadCt.Processor.Pipeline.Volumes;
using HeadCt.Processor.Pipeline;
using HeadCt.Processor.Problems;
using HeadCt.Processor.Renderings;
using HeadCt.Processor.Results;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Apis;

/// <summary>
/// Projections and viewer slices, drawn on request from the study's view. The result document (Redis-first) says
/// whether the study has a volume and which images it offers.
/// </summary>
public static class RenderingsApi
{
    /// <summary>The original contract: the three centre planes in the brain window as base64 PNGs, plus links to every projection.</summary>
    public sealed record ProjectionsResponse(string Axial, string Coronal, string Sagittal, IReadOnlyList<ProjectionRecord> Links);

    private static readonly AnatomicalPlane[] CentrePlanes = [AnatomicalPlane.Axial, AnatomicalPlane.Coronal, AnatomicalPlane.Sagittal];

    public static IEndpointRouteBuilder MapRenderingsApi(this IEndpointRouteBuilder app)
    {
        var renderings = app.MapGroup("").WithTags("Renderings");

        renderings.MapGet("/projections/{id}", GetProjectionsAsync)
            .WithName("GetProjections")
            .WithSummary("Axial, coronal and sagittal centre planes (brain window) as base64 PNGs, and links to every projection.")
            .Produces<ProjectionsResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        renderings.MapGet("/projections/{id}/{plane}.png", GetProjectionPngAsync)
            .WithName("GetProjectionPng")
            .WithSummary("One projection: plane axial|coronal|sagittal, window brain|subdural|stroke|bone, mode plane|mip|minip|mean, slab in mm.")
            .ProducesPng();

        renderings.MapGet("/studies/{id}/slices/{index}.png", GetSlicePngAsync)
            .WithName("GetSlicePng")
            .WithSummary("One axial plane of the volume for a viewer; 0 is the most inferior plane.")
            .ProducesPng();

        return app;
    }

    private static async Task<IResult> GetProjectionsAsync(
        string id, IResultStore results, StudyImages images, CancellationToken cancellationToken)
    {
        var (document, problem) = await ImagingOfAsync(id, results, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var planes = new string[3];
        try
        {
            foreach (var plane in CentrePlanes)
            {
                var png = await images.ProjectionAsync(document!, ProjectionRequest.CentrePlane(plane, Window.Brain), cancellationToken);
                planes[(int)plane] = Convert.ToBase64String(png);
            }
        }
        catch (ImagesUnavailableException e)
        {
            return ProcessorProblems.ImagesUnavailable(e.StudyId, e.Reason);
        }

        return HttpResults.Json(new ProjectionsResponse(planes[0], planes[1], planes[2], document!.Imaging!.Projections), ProcessorJson.Options);
    }

    private static async Task<IResult> GetProjectionPngAsync(
        string id, string plane, string? window, string? mode, string? slab,
        IResultStore results, StudyImages images, IOptions<PipelineOptions> options, CancellationToken cancellationToken)
    {
        if (!ProjectionQuery.TryParse(plane, window, mode, slab, options.Value.SlabMm, out var request, out var error))
        {
            return ProcessorProblems.InvalidRequest(error!);
        }

        var (document, problem) = await ImagingOfAsync(id, results, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return new PngResult(ImageEntityTag.Of(document!, $"projection/{request!.Key}"),
            token => images.ProjectionAsync(document!, request, token));
    }

    private static async Task<IResult> GetSlicePngAsync(
        string id, string index, string? window, IResultStore results, StudyImages images, CancellationToken cancellationToken)
    {
        var windowName = window ?? ProjectionQuery.DefaultWindow;
        if (ImagingStage.SliceWindows.FirstOrDefault(offered => string.Equals(offered.Name, windowName, StringComparison.OrdinalIgnoreCase)) is not { } sliceWindow)
        {
            return ProcessorProblems.InvalidRequest(
                $"Unknown slice window '{windowName}'; allowed: {string.Join(", ", ImagingStage.SliceWindows.Select(w => w.Name))}.");
        }

        if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var sliceIndex))
        {
            return ProcessorProblems.InvalidRequest($"The slice index '{index}' is not a non-negative integer.");
        }

        var (document, problem) = await ImagingOfAsync(id, results, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (document!.Imaging!.Slices is not { } slices)
        {
            return ProcessorProblems.NotRendered(id, "slices");
        }

        if (sliceIndex >= slices.Count)
        {
            return ProcessorProblems.SliceOutOfRange(id, slices.Count);
        }

        return new PngResult(ImageEntityTag.Of(document, $"slice/{sliceIndex}/{sliceWindow.Name}"),
            token => images.SliceAsync(document, sliceIndex, sliceWindow, token));
    }

    /// <summary>A completed study with a volume, or the problem that answers instead (404, 409, not-rendered).</summary>
    private static async Task<(ResultDocument? Document, IResult? Problem)> ImagingOfAsync(
        string id, IResultStore results, CancellationToken cancellationToken)
    {
        var (document, problem) = await CompletedStudy.GetAsync(id, results, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }

        return document!.Imaging is { Geometry: not null }
            ? (document, null)
            : (null, ProcessorProblems.NotRendered(id, "projections"));
    }
}
