using HeadCt.Dicom;
using HeadCt.Imaging;
using HeadCt.Imaging.Rendering;
using HeadCt.Imaging.Selection;
using HeadCt.Imaging.Volume;
using HeadCt.Processor.Renderings;
using HeadCt.Processor.Telemetry;
using HeadCt.Services.Common.Imaging;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Pipeline.Volumes;

/// <summary>
/// Local instance files → chosen series → HU volume, and the record of it for the result document: the decision, the
/// volume report, the geometry, the viewer slices and the projection catalogue with each image's size. The images
/// themselves are drawn on request from the study's view.
/// </summary>
public sealed class ImagingStage(IOptions<PipelineOptions> options, IOptions<PixelBudgetOptions> pixels, ILogger<ImagingStage> logger)
{
    /// <summary>The windows viewer slices are drawn in; other windows are served as projections.</summary>
    public static readonly IReadOnlyList<Window> SliceWindows = [Window.Brain];

    public const string SliceOrder = "0 is the most inferior axial plane, increasing towards the vertex (patient-aligned, not file order)";

    /// <param name="unreadable">When given, receives every file whose header could not be read, with the reason.</param>
    public IReadOnlyList<InstanceFile> ReadInstances(string studyId, IReadOnlyList<string> paths, List<SkippedInstance>? unreadable = null)
    {
        var instances = new List<InstanceFile>(paths.Count);
        foreach (var path in paths)
        {
            try
            {
                instances.Add(InstanceFile.Read(path));
            }
            catch (DicomException e)
            {
                Log.InstanceUnreadable(logger, studyId, Path.GetFileName(path), e.Message);
                unreadable?.Add(new SkippedInstance(Path.GetFileName(path), null, $"The header could not be read: {e.Message}"));
            }
        }

        return instances;
    }

    public StudyImagingResult Build(IReadOnlyList<InstanceFile> instances) =>
        StudyImaging.Build(instances, new ImagingOptions
        {
            Volume = VolumeOptions.Default with { MinimumSlices = options.Value.MinimumSlices, MaxVoxels = pixels.Value.MaxVoxelsPerStudy },
            Projections = [],
        });

    /// <summary>The record of a built study for its result document.</summary>
    public ImagingRecord Describe(string studyId, StudyImagingResult result)
    {
        var volume = result.Volume ?? throw new InvalidOperationException("Only a built volume has images.");
        var projections = ProjectionCatalogue.All(options.Value.SlabMm).Select(request =>
        {
            var (width, height, pixelSizeMm) = ProjectionRenderer.SizeOf(volume, request.Plane);
            return new ProjectionRecord(
                request.Key, RenderingLinks.Name(request.Plane), RenderingLinks.Name(request.Mode), request.SlabMm, request.Window.Name,
                width, height, pixelSizeMm, RenderingLinks.Projection(studyId, request));
        });
        return new ImagingRecord(
            SeriesDecisionRecord.From(result.Decision),
            result.Report,
            GeometryRecord.From(volume.Geometry),
            new ViewerSlicesRecord(ProjectionRenderer.AxialSliceCount(volume), SliceOrder, [.. SliceWindows.Select(window => window.Name)], RenderingLinks.SliceTemplate(studyId)),
            [.. projections]);
    }
}
