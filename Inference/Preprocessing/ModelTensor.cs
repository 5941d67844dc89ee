namespace HeadCt.Inference.Preprocessing;

/// <summary>A preprocessed study: C×D×H×W floats in the model's layout (N = 1 implied).</summary>
public sealed record ModelTensor(float[] Data, int Channels, int Depth, int Height, int Width)
{
    public int ChannelLength => Depth * Height * Width;
}
