using System.Diagnostics;
using HeadCt.Imaging.Rendering;
using HeadCt.Processor.Attention;
using HeadCt.Processor.Results;
using HeadCt.Processor.Telemetry;

namespace HeadCt.Processor.Renderings;

/// <summary>
/// Draws the images of a completed study when they are asked for, from its view: projections, viewer slices, heat maps
/// and key-slice overlays, each a PNG. The same view gives the same bytes every time.
/// </summary>
public sealed class StudyImages(StudyViewCache views, ProcessorTelemetry telemetry)
{
    public Task<byte[]> ProjectionAsync(ResultDocument document, ProjectionRequest request, CancellationToken cancellationToken) =>
        DrawAsync(document, "projection", view => ProjectionRenderer.Render(view.Volume, request).Png, cancellationToken);

    public Task<byte[]> SliceAsync(ResultDocument document, int index, Window window, CancellationToken cancellationToken) =>
        DrawAsync(document, "slice", view => ProjectionRenderer.RenderAxialSlice(view.Volume, index, window).Png, cancellationToken);

    public Task<byte[]> HeatmapAsync(ResultDocument document, int index, CancellationToken cancellationToken) =>
        DrawAsync(document, "heatmap", view => AttentionOf(document, view).Heatmap(index), cancellationToken);

    public Task<byte[]> OverlayAsync(ResultDocument document, int index, CancellationToken cancellationToken) =>
        DrawAsync(document, "overlay", view => AttentionOf(document, view).Overlay(index), cancellationToken);

    public Task<byte[]> AttentionVolumeAsync(ResultDocument document, CancellationToken cancellationToken) =>
        DrawAsync(document, "attention volume", view =>
        {
            var attention = AttentionOf(document, view);
            return AttentionVolumeFile.Write(attention.Geometry, attention.VolumeBytes());
        }, cancellationToken);

    private async Task<byte[]> DrawAsync(ResultDocument document, string kind, Func<StudyView, byte[]> draw, CancellationToken cancellationToken)
    {
        var view = await views.GetAsync(document).WaitAsync(cancellationToken);
        using var activity = ProcessorTelemetry.ActivitySource.StartActivity($"render {kind}");
        activity?.SetTag("headct.study_id", document.Id);
        var started = Stopwatch.GetTimestamp();
        var png = draw(view);
        telemetry.RenderDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("kind", kind));
        return png;
    }

    private static AttentionRenderer AttentionOf(ResultDocument document, StudyView view) =>
        view.Attention ?? throw new ImagesUnavailableException(document.Id, "its view has no attention map.");
}
