namespace HeadCt.Inference.Attention;

/// <summary>
/// Attention on the volume's own grid ([z][y][x], same size as the CT volume), its peak (null when the map is zero
/// everywhere, e.g. nothing argued for the finding) and the slices with the strongest attention, strongest first.
/// </summary>
public sealed record AttentionMap(float[] Values, AttentionPeak? Peak, IReadOnlyList<int> KeySlices);
