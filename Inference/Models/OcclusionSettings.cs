namespace HeadCt.Inference.Models;

/// <summary>
/// Occlusion sensitivity for models without a feature map (attention kind <see cref="AttentionKind.None"/>): the patch
/// size on the model grid, the most patches one study may cost (larger patches are used beyond it), and how many
/// occluded copies go into one run when the model's batch axis is dynamic. <see cref="MaxPatches"/> 0 turns it off.
/// </summary>
public sealed record OcclusionSettings
{
    public static readonly OcclusionSettings Default = new();

    public int PatchDepth { get; init; } = 4;
    public int PatchHeight { get; init; } = 16;
    public int PatchWidth { get; init; } = 16;
    public int MaxPatches { get; init; } = 128;
    public int BatchSize { get; init; } = 8;

    public bool Enabled => MaxPatches > 0;
}
