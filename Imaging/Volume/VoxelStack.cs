namespace HeadCt.Imaging.Volume;

/// <summary>
/// Values on a [z][y][x] grid (x fastest) with the spacing between its planes: a <see cref="CtVolume"/>'s HU, or the
/// slices of a series as acquired (<see cref="AcquiredStackBuilder"/>), whose values may be the stored pixel values.
/// </summary>
public sealed record VoxelStack(float[] Values, int Width, int Height, int Depth, double SliceSpacingMm)
{
    public static VoxelStack Of(CtVolume volume) =>
        new(volume.Voxels, volume.Geometry.SizeX, volume.Geometry.SizeY, volume.Geometry.SizeZ, volume.Geometry.SpacingZ);
}
