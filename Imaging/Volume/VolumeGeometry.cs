namespace HeadCt.Imaging.Volume;

/// <summary>
/// Where the voxels of a volume sit in the patient: voxel (i, j, k) — column, row, slice — lies at
/// <c>Origin + i·SpacingX·RowDirection + j·SpacingY·ColumnDirection + k·SpacingZ·SliceDirection</c> (PS3.3 C.7.6.2.1.1).
/// </summary>
public sealed record VolumeGeometry(
    int SizeX,
    int SizeY,
    int SizeZ,
    double SpacingX,
    double SpacingY,
    double SpacingZ,
    Vector3d Origin,
    Vector3d RowDirection,
    Vector3d ColumnDirection,
    Vector3d SliceDirection)
{
    public long VoxelCount => (long)SizeX * SizeY * SizeZ;

    /// <summary>The 4×4 affine, row-major, that maps a voxel index (i, j, k, 1) to LPS millimetres.</summary>
    public double[] Affine =>
    [
        RowDirection.X * SpacingX, ColumnDirection.X * SpacingY, SliceDirection.X * SpacingZ, Origin.X,
        RowDirection.Y * SpacingX, ColumnDirection.Y * SpacingY, SliceDirection.Y * SpacingZ, Origin.Y,
        RowDirection.Z * SpacingX, ColumnDirection.Z * SpacingY, SliceDirection.Z * SpacingZ, Origin.Z,
        0, 0, 0, 1,
    ];

    public Vector3d PatientPosition(double i, double j, double k) =>
        Origin + RowDirection * (i * SpacingX) + ColumnDirection * (j * SpacingY) + SliceDirection * (k * SpacingZ);

    /// <summary>The continuous voxel index of a patient position (the inverse of <see cref="PatientPosition"/>; the axes are orthonormal).</summary>
    public Vector3d VoxelIndex(Vector3d patient)
    {
        var d = patient - Origin;
        return new Vector3d(d.Dot(RowDirection) / SpacingX, d.Dot(ColumnDirection) / SpacingY, d.Dot(SliceDirection) / SpacingZ);
    }
}
