using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging.Anatomy;

/// <summary>
/// The intracranial cavity of a CT volume, on the volume's own grid ([z][y][x], 1 = inside): brain, CSF spaces and
/// whatever lies between them and the inner table of the skull (so extra-axial blood is inside). With its size and
/// where the field of view cuts it, for the "is this a whole head" check.
/// </summary>
public sealed class IntracranialMask(byte[] voxels, VolumeGeometry geometry, IReadOnlyList<VolumeFace> faces)
{
    public byte[] Voxels { get; } = voxels;

    public VolumeGeometry Geometry { get; } = geometry;

    /// <summary>The six faces of the volume box, each with the cavity's contact with it.</summary>
    public IReadOnlyList<VolumeFace> Faces { get; } = faces;

    public long VoxelCount { get; } = Count(voxels);

    public double VolumeMl => VoxelCount * Geometry.SpacingX * Geometry.SpacingY * Geometry.SpacingZ / 1000.0;

    public bool IsEmpty => VoxelCount == 0;

    public bool Contains(int x, int y, int z) => Voxels[((long)z * Geometry.SizeY + y) * Geometry.SizeX + x] != 0;

    /// <summary>True when slice <paramref name="z"/> holds any cavity.</summary>
    public bool SliceHasCavity(int z)
    {
        var length = Geometry.SizeX * Geometry.SizeY;
        return Voxels.AsSpan(z * length, length).Contains((byte)1);
    }

    public VolumeFace Face(string side) => Faces.First(face => face.Side == side);

    private static long Count(byte[] voxels)
    {
        var count = 0L;
        foreach (var v in voxels)
            count += v;
        return count;
    }
}
