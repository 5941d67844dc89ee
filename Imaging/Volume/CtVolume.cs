namespace HeadCt.Imaging.Volume;

/// <summary>A CT volume in Hounsfield units, voxels laid out [z][y][x] (x fastest), with its patient geometry.</summary>
public sealed class CtVolume(float[] voxels, VolumeGeometry geometry)
{
    public const float AirHu = -1024f;

    public float[] Voxels { get; } = voxels;
    public VolumeGeometry Geometry { get; } = geometry;

    public int SliceLength => Geometry.SizeX * Geometry.SizeY;

    public Span<float> Slice(int z) => Voxels.AsSpan(z * SliceLength, SliceLength);

    public float this[int x, int y, int z] => Voxels[((long)z * Geometry.SizeY + y) * Geometry.SizeX + x];
}
