using HeadCt.Dicom;
using HeadCt.Imaging;
using HeadCt.Imaging.Rendering;
using HeadCt.Imaging.Selection;
using HeadCt.Imaging.Volume;
using HeadCt.Processor.Renderings;
using HeadCt.Processor.Storage;
using HeadCt.Processor.Telemetry;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Pipeline.Volumes;

/// <summary>
/// Local instance files → chosen series → HU volume → the projection catalogue and the axial viewer slices, stored
/// as PNGs once, at job time; the API only ever serves the stored bytes.
/// </summary>
public sealed class ImagingStage(RenderingStore renderings, IOptions<PipelineOptions> options, ILogger<ImagingStage> logger)
{
    /// <summary>Viewer slices are stored in these windows only; other windows are served as projections.</summary>
    public static readonly IReadOnlyList<Window> SliceWindows = [Window.Brain];

    public const string SliceOrder = "0 is the most inferior axial plane, increasing towards the vertex (patient-aligned, not file order)";

    public IReadOnlyList<InstanceFile> ReadInstances(string studyId, IReadOnlyList<string> paths)
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
            }
        }

        return instances;
    }

    public StudyImagingResult Build(IReadOnlyList<InstanceFile> instances) =>
        StudyImaging.Build(instances, new ImagingOptions
        {
            Volume = VolumeOptions.Default with { MinimumSlices = options.Value.MinimumSlices },
            Projections = ProjectionCatalogue.All(options.Value.SlabMm),
        });

    /// <summary>Stores every image of a built study and returns the record for its result document.</summary>
    public async Task<ImagingRecord> StoreAsync(string studyId, StudyImagingResult result, CancellationToken cancellationToken)
    {
        var volume = result.Volume ?? throw new InvalidOperationException("Only a built volume has images.");
        var requests = ProjectionCatalogue.All(options.Value.SlabMm);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.UploadParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(result.Images, parallel, (image, token) =>
            new ValueTask(renderings.SaveAsync(StudyBlobLayout.Projection(studyId, image.Key), image.Png, token)));

        var sliceCount = ProjectionRenderer.AxialSliceCount(volume);
        await Parallel.ForEachAsync(Enumerable.Range(0, sliceCount), parallel, async (index, token) =>
        {
            foreach (var window in SliceWindows)
            {
                var slice = ProjectionRenderer.RenderAxialSlice(volume, index, window);
                await renderings.SaveAsync(StudyBlobLayout.Slice(studyId, index, window.Name), slice.Png, token);
            }
        });

        var projections = new List<ProjectionRecord>(result.Images.Count);
        for (var i = 0; i < result.Images.Count; i++)
        {
            var (request, image) = (requests[i], result.Images[i]);
            projections.Add(new ProjectionRecord(
                image.Key, RenderingLinks.Name(request.Plane), RenderingLinks.Name(request.Mode), request.SlabMm, request.Window.Name,
                image.Width, image.Height, image.PixelSizeMm, RenderingLinks.Projection(studyId, request)));
        }

        return new ImagingRecord(
            SeriesDecisionRecord.From(result.Decision),
            result.Report,
            GeometryRecord.From(volume.Geometry),
            new ViewerSlicesRecord(sliceCount, SliceOrder, [.. SliceWindows.Select(window => window.Name)], RenderingLinks.SliceTemplate(studyId)),
            projections);
    }
}
