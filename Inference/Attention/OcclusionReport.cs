namespace HeadCt.Inference.Attention;

/// <summary>What one occlusion map cost: the patch grid on the model input, the patch size, the model runs and the time.</summary>
public sealed record OcclusionReport(
    int PatchesZ,
    int PatchesY,
    int PatchesX,
    int PatchDepth,
    int PatchHeight,
    int PatchWidth,
    int BatchSize,
    int Runs,
    TimeSpan Elapsed)
{
    public int PatchCount => PatchesZ * PatchesY * PatchesX;
}
