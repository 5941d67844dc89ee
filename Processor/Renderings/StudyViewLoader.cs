using System.Diagnostics;
using HeadCt.Imaging.Anatomy;
using HeadCt.Imaging.Volume;
using HeadCt.Inference.Attention;
using HeadCt.Processor.Attention;
using HeadCt.Processor.Pipeline.Volumes;
using HeadCt.Processor.Results;
using HeadCt.Processor.Telemetry;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Renderings;

/// <summary>
/// Rebuilds the view of a completed study from storage: the volume the job stored (its instances when it stored none),
/// which must have the geometry its result records, and its stored attention grid upsampled onto it and kept inside the
/// intracranial cavity (found again, deterministically, on the same stored values) as the job did.
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
        var volume = await LoadStoredVolumeAsync(id, cancellationToken) ?? await RebuildVolumeAsync(id, cancellationToken);
        if (!GeometryRecord.From(volume.Geometry).SameAs(expected))
        {
            throw new ImagesUnavailableException(id, "its stored volume is not the one its result was computed on.");
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

    private async Task<CtVolume?> LoadStoredVolumeAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await renderings.GetVolumeAsync(id, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw new ImagesUnavailableException(id, $"its stored volume is unreadable: {e.Message}");
        }
    }

    /// <summary>For a study completed before volumes were stored: its instances make the volume again.</summary>
    private async Task<CtVolume> RebuildVolumeAsync(string id, CancellationToken cancellationToken)
    {
        using var local = await files.DownloadAsync(id, cancellationToken);
        var result = await Task.Run(() => imaging.Build(imaging.ReadInstances(id, local.Paths)), cancellationToken);
        var volume = result.Volume ?? throw new ImagesUnavailableException(id,
            $"it has no stored volume and its instances no longer make one ({result.FailureKind}: {result.FailureReason}).");
        StoredVolumeFormat.RoundToStoredValues(volume); // as the job did before it scored the study
        return volume;
    }
}
