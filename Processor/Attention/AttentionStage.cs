using HeadCt.Imaging.Volume;
using HeadCt.Inference.Attention;
using HeadCt.Services.Common.Results;
using HeadCt.Processor.Renderings;

namespace HeadCt.Processor.Attention;

/// <summary>
/// Places a model's attention in the viewer's slices: the key slices (where it is strongest) and the peak. The grid the
/// model gave is stored with the result, so heat maps and overlays can be drawn on request, also after a restart.
/// </summary>
public sealed class AttentionStage(RenderingStore renderings)
{
    public const int KeySliceCount = 3;

    public async Task<(AttentionRecord Record, AttentionRenderer Renderer)> RunAsync(
        string studyId, CtVolume volume, AttentionMap map, CancellationToken cancellationToken)
    {
        var renderer = new AttentionRenderer(volume, map);
        await renderings.SaveAttentionGridAsync(studyId, map.Grid, cancellationToken);
        var method = map.Method == AttentionMethod.Occlusion ? "occlusion" : "cam";
        var record = new AttentionRecord(method, renderer.Peak(map.Peak), KeySlices(renderer.SliceMaxima()), AttentionLinks.Maps(studyId));
        return (record, renderer);
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
