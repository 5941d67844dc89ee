using System.Diagnostics;
using HeadCt.Imaging.Anatomy;
using HeadCt.Inference.Attention;
using HeadCt.Processor.Attention;
using HeadCt.Processor.Pipeline.Volumes;
using HeadCt.Processor.Results;
using HeadCt.Processor.Telemetry;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Renderings;

/// <summary>
/// Rebuilds the view of a completed study from storage with the job's own code: its instances make the volume again,
/// which must have the geometry its result records, and its stored attention grid is upsampled onto it and kept inside
/// the intracranial cavity (found again, deterministically) as the job did.
/// </summary>
public sealed class StudyViewLoader(
    IStudyFileSource files,
    ImagingStage imaging,
    RenderingStore renderings,
    IOptions<RenderingOptions> options,
    ProcessorTelemetry telemetry,
    ILogger<StudyViewLoader> logger) : IStudyViewLoader
{
    private readonly SemaphoreSlim _rebuilds = new(options.Value.RebuildConcurrency);

    public async Task<StudyView> LoadAsync(ResultDocument document, CancellationToken cancellationToken)
    {
        await _rebuilds.WaitAsync(cancellationToken);
        try
        {
            using var activity = ProcessorTelemetry.ActivitySource.StartActivity("rebuild view");
            activity?.SetTag("headct.study_id", document.Id);
            var started = Stopwatch.GetTimestamp();
            var view = await BuildAsync(document, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            telemetry.ViewRebuildDuration.Record(elapsed.TotalSeconds);
            Log.ViewRebuilt(logger, document.Id, view.Volume.Geometry.SizeZ, elapsed.TotalMilliseconds);
            return view;
        }
        finally
        {
            _rebuilds.Release();
        }
    }

    private async Task<StudyView> BuildAsync(ResultDocument document, CancellationToken cancellationToken)
    {
        var id = document.Id;
        var expected = document.Imaging?.Geometry ?? throw new ImagesUnavailableException(id, "its result records no volume.");
        using var local = await files.DownloadAsync(id, cancellationToken);
        var result = await Task.Run(() => imaging.Build(imaging.ReadInstances(id, local.Paths)), cancellationToken);
        if (result.Volume is not { } volume)
        {
            throw new ImagesUnavailableException(id, $"its stored instances no longer make a volume ({result.FailureKind}: {result.FailureReason}).");
        }

        if (!GeometryRecord.From(volume.Geometry).SameAs(expected))
        {
            throw new ImagesUnavailableException(id, "its stored instances no longer make the volume its result was computed on.");
        }

        if (document.Prediction?.Attention is null)
        {
            return new StudyView(volume, null);
        }

        AttentionGrid? grid;
        try
        {
            grid = await renderings.GetAttentionGridAsync(id, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw new ImagesUnavailableException(id, $"its stored attention grid is unreadable: {e.Message}");
        }

        return grid is null
            ? throw new ImagesUnavailableException(id, "its attention grid is not stored.")
            : new StudyView(volume, new AttentionRenderer(volume, ClassActivationMap.ToVolume(grid, volume.Geometry, IntracranialMaskBuilder.Compute(volume))));
    }
}
