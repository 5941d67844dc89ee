using HeadCt.Dicom;
using HeadCt.Imaging.Rendering;
using HeadCt.Imaging.Selection;
using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging;

/// <summary>The outcome for one study: the series decision and, unless it failed, the volume, its report and the rendered images.</summary>
public sealed record StudyImagingResult(
    SeriesDecision Decision,
    CtVolume? Volume,
    VolumeReport? Report,
    IReadOnlyList<RenderedImage> Images,
    ImagingErrorKind? FailureKind,
    string? FailureReason)
{
    public bool Succeeded => Volume is not null;
    public VolumeGeometry? Geometry => Volume?.Geometry;
}

/// <summary>The one call for the Processor: stored files of a study → chosen series → HU volume → PNGs.</summary>
public static class StudyImaging
{
    public static StudyImagingResult Build(IEnumerable<string> paths, ImagingOptions? options = null)
    {
        var instances = new List<InstanceFile>();
        foreach (var path in paths)
        {
            try
            {
                instances.Add(InstanceFile.Read(path));
            }
            catch (DicomException)
            {
                // Not an image we can read: it takes no part in selection (e.g. an SR or a broken upload).
            }
        }
        return Build(instances, options);
    }

    public static StudyImagingResult Build(IReadOnlyList<InstanceFile> instances, ImagingOptions? options = null)
    {
        options ??= ImagingOptions.Default;
        var decision = SeriesSelector.Select(instances, options.Selection);
        if (!decision.HasSeries)
            return Failed(decision, ImagingErrorKind.NoUsableSeries, decision.Reason);
        try
        {
            var built = VolumeBuilder.Build(decision.Instances, options.Volume);
            var images = ProjectionRenderer.RenderAll(built.Volume, options.Projections);
            return new StudyImagingResult(decision, built.Volume, built.Report, images, null, null);
        }
        catch (ImagingException e)
        {
            return Failed(decision, e.Kind, e.Reason);
        }
        catch (DicomException e)
        {
            return Failed(decision, ImagingErrorKind.UnsupportedPixels, e.Message);
        }
    }

    private static StudyImagingResult Failed(SeriesDecision decision, ImagingErrorKind kind, string reason) =>
        new(decision, null, null, [], kind, reason);
}
