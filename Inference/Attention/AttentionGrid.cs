namespace HeadCt.Inference.Attention;

/// <summary>
/// Attention at the resolution the model gave it, [z][y][x] over the whole volume's extent (a CAM's feature-map grid or
/// the occlusion patches). Small enough to keep with a result; <see cref="ClassActivationMap.ToVolume(AttentionGrid, HeadCt.Imaging.Volume.VolumeGeometry)"/>
/// maps it back onto the volume grid exactly as it was mapped when the model ran.
/// </summary>
public sealed record AttentionGrid(float[] Values, int Width, int Height, int Depth);
