using HeadCt.Imaging.Volume;

namespace HeadCt.Inference.Attention;

/// <summary>The strongest attention: voxel index (column, row, slice) in the volume and its patient position (LPS, mm).</summary>
public sealed record AttentionPeak(int X, int Y, int Z, Vector3d PatientMm, float Value);
