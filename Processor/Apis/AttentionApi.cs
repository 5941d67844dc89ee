using System.Globalization;
using System.Text.Json.Serialization;
using HeadCt.Processor.Attention;
using HeadCt.Services.Common.Results;
using HeadCt.Processor.Problems;
using HeadCt.Processor.Renderings;
using HeadCt.Processor.Results;
using HttpResults = Microsoft.AspNetCore.Http.Results;

namespace HeadCt.Processor.Apis;

/// <summary>
/// Where the model looked: the original contract (<c>attention_map</c>, a base64 PNG of the key slice with the heat map
/// blended in) plus the key slices, the peak, the overlay PNGs of the key slices and a heat map for every viewer slice,
/// drawn on request from the study's view.
/// </summary>
public static class AttentionApi
{
    public sealed record OverlayLink(int Slice, string Link);

    public sealed record HeatmapLinks(int Count, string Link);

    public sealed record AttentionMapsResponse(
        string Id,
        string Method,
        [property: JsonPropertyName("attention_map")] string? AttentionMap,
        int? KeySlice,
        IReadOnlyList<int> KeySlices,
        PeakRecord? Peak,
        IReadOnlyList<OverlayLink> Overlays,
        HeatmapLinks Heatmaps);

    public static IEndpointRouteBuilder MapAttentionApi(this IEndpointRouteBuilder app)
    {
        var attention = app.MapGroup("/attention-maps").WithTags("Attention");

        attention.MapGet("/{id}", GetAsync)
            .WithName("GetAttentionMaps")
            .WithSummary("The model's attention: the key slice with the heat map blended in (base64 PNG), the key slices, the peak, and links to the overlay and heat-map PNGs.")
            .Produces<AttentionMapsResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        attention.MapGet("/{id}/overlays/{index}.png", GetOverlayAsync)
            .WithName("GetAttentionOverlayPng")
            .WithSummary("A key slice in the brain window with the heat map blended in (drawn for the key slices only).")
            .ProducesPng();

        attention.MapGet("/{id}/heatmaps/{index}.png", GetHeatmapAsync)
            .WithName("GetAttentionHeatmapPng")
            .WithSummary("The RGBA heat map of one viewer slice (same field of view, at most 128 px a side) to stack over the slice image.")
            .ProducesPng();
        attention.MapGet("/{id}/volume", GetVolumeAsync)
            .WithName("GetAttentionVolume")
            .WithSummary("The attention on the CT grid for a viewer to fuse over the CT: a length-prefixed JSON header with the geometry, then one byte (0–255 of the peak) per voxel.")
            .Produces(StatusCodes.Status200OK, contentType: AttentionVolumeFile.MediaType);
        return app;
    }

    private static async Task<IResult> GetVolumeAsync(string id, IResultStore results, StudyImages images, CancellationToken cancellationToken)
    {
        var (document, _, problem) = await AttentionOfAsync(id, results, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            return HttpResults.Bytes(await images.AttentionVolumeAsync(document!, cancellationToken), AttentionVolumeFile.MediaType);
        }
        catch (ImagesUnavailableException e)
        {
            return ProcessorProblems.ImagesUnavailable(e.StudyId, e.Reason);
        }
    }

    private static async Task<IResult> GetAsync(string id, IResultStore results, StudyImages images, CancellationToken cancellationToken)
    {
        var (document, attention, problem) = await AttentionOfAsync(id, results, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        string? keyImage = null;
        if (attention!.KeySlices.Count > 0)
        {
            try
            {
                keyImage = Convert.ToBase64String(await images.OverlayAsync(document!, attention.KeySlices[0], cancellationToken));
            }
            catch (ImagesUnavailableException e)
            {
                return ProcessorProblems.ImagesUnavailable(e.StudyId, e.Reason);
            }
        }

        var overlays = attention.KeySlices.Select(slice => new OverlayLink(slice, AttentionLinks.Overlay(id, slice))).ToList();
        return HttpResults.Json(new AttentionMapsResponse(
            id, attention.Method, keyImage, attention.KeySlices.Count > 0 ? attention.KeySlices[0] : null, attention.KeySlices,
            attention.Peak, overlays, new HeatmapLinks(document!.Imaging?.Slices?.Count ?? 0, AttentionLinks.HeatmapTemplate(id))),
            ProcessorJson.Options);
    }

    private static async Task<IResult> GetOverlayAsync(
        string id, string index, IResultStore results, StudyImages images, CancellationToken cancellationToken)
    {
        if (!TryParseIndex(index, out var slice, out var invalid))
        {
            return invalid!;
        }

        var (document, attention, problem) = await AttentionOfAsync(id, results, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!attention!.KeySlices.Contains(slice))
        {
            return ProcessorProblems.AttentionUnavailable(id,
                $"overlays are drawn for the key slices only ({string.Join(", ", attention.KeySlices)}); use the heat map of slice {slice}.");
        }

        return new PngResult(ImageEntityTag.Of(document!, $"overlay/{slice}"), token => images.OverlayAsync(document!, slice, token));
    }

    private static async Task<IResult> GetHeatmapAsync(
        string id, string index, IResultStore results, StudyImages images, CancellationToken cancellationToken)
    {
        if (!TryParseIndex(index, out var slice, out var invalid))
        {
            return invalid!;
        }

        var (document, _, problem) = await AttentionOfAsync(id, results, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var count = document!.Imaging?.Slices?.Count ?? 0;
        if (slice >= count)
        {
            return ProcessorProblems.SliceOutOfRange(id, count);
        }

        return new PngResult(ImageEntityTag.Of(document, $"heatmap/{slice}"), token => images.HeatmapAsync(document, slice, token));
    }

    private static bool TryParseIndex(string index, out int slice, out IResult? problem)
    {
        problem = int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out slice)
            ? null
            : ProcessorProblems.InvalidRequest($"The slice index '{index}' is not a non-negative integer.");
        return problem is null;
    }

    /// <summary>The attention of a completed study, or the problem that answers instead.</summary>
    private static async Task<(ResultDocument? Document, AttentionRecord? Attention, IResult? Problem)> AttentionOfAsync(
        string id, IResultStore results, CancellationToken cancellationToken)
    {
        var (document, problem) = await CompletedStudy.GetAsync(id, results, cancellationToken);
        if (problem is not null)
        {
            return (null, null, problem);
        }

        var (attention, whyNot) = AttentionAvailability.Of(document!);
        return attention is null ? (null, null, ProcessorProblems.AttentionUnavailable(id, whyNot!)) : (document, attention, null);
    }
}
