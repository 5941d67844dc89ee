using HeadCt.Imaging.Volume;
using HeadCt.Inference.Attention;
using HeadCt.Processor.Inference;
using HeadCt.Processor.Pipeline;
using HeadCt.Processor.Renderings;
using HeadCt.Processor.Storage;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Attention;

/// <summary>
/// Renders the attention of a study into the viewer's slices and stores the PNGs once, at job time: a heat map for
/// every slice, and the blended overlay for the key slices (where the attention is strongest).
/// </summary>
public sealed class AttentionStage(RenderingStore renderings, IOptions<PipelineOptions> options)
{
    public const int KeySliceCount = 3;

    public async Task<AttentionRecord> StoreAsync(string studyId, CtVolume volume, AttentionMap map, CancellationToken cancellationToken)
    {
        var renderer = new AttentionRenderer(volume, map);
        var maxima = new float[renderer.SliceCount];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.UploadParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, renderer.SliceCount), parallel, async (index, token) =>
        {
            var (png, maximum) = renderer.Heatmap(index);
            maxima[index] = maximum;
            await renderings.SaveAsync(StudyBlobLayout.Heatmap(studyId, index), png, token);
        });

        var keySlices = KeySlices(maxima);
        await Parallel.ForEachAsync(keySlices, parallel, async (index, token) =>
            await renderings.SaveAsync(StudyBlobLayout.Overlay(studyId, index), renderer.Overlay(index), token));

        var method = map.Method == AttentionMethod.Occlusion ? "occlusion" : "cam";
        return new AttentionRecord(method, renderer.Peak(map.Peak), keySlices, AttentionLinks.Maps(studyId));
    }

    /// <summary>The slices with the strongest attention, strongest first; none where the map is zero.</summary>
    public static int[] KeySlices(float[] maxima)
    {
        var order = Enumerable.Range(0, maxima.Length)
            .Where(index => maxima[index] > 0)
            .OrderByDescending(index => maxima[index])
            .ThenBy(index => index)
            .Take(KeySliceCount);
        return [.. order];
    }
}
