namespace HeadCt.Inference.Preprocessing;

/// <summary>A preprocessed study: C×D×H×W floats in the model's layout (N = 1 implied).</summary>
public sealed record ModelTensor(float[] Data, int Channels, int Depth, int Height, int Width)
{
    public int ChannelLength => Depth * Height * Width;

    /// <summary>
    /// Per channel, the value a voxel whose HU lies outside the channel's window takes after preprocessing: the masked
    /// level 0 (or, for a clamped channel, the lower edge) carried through the normalisation. Occlusion fills with it,
    /// so an occluded patch looks like "nothing in any window" rather than like a tissue.
    /// </summary>
    public float[] OutsideWindowLevels { get; init; } = new float[Channels];
}
