namespace HeadCt.Inference.Attention;

/// <summary>
/// Attention on the volume's own grid ([z][y][x], same size as the CT volume), its peak (null when the map is zero
/// everywhere, e.g. nothing argued for the finding) and the slices with the strongest attention, strongest first.
/// </summary>
public sealed record AttentionMap(float[] Values, AttentionPeak? Peak, IReadOnlyList<int> KeySlices)
{
    public AttentionMethod Method { get; init; } = AttentionMethod.Cam;

    /// <summary>The same attention at the model's resolution, before it was upsampled to <see cref="Values"/>.</summary>
    public required AttentionGrid Grid { get; init; }

    /// <summary>Patches, runs and time spent when <see cref="Method"/> is <see cref="AttentionMethod.Occlusion"/>.</summary>
    public OcclusionReport? Occlusion { get; init; }
}
