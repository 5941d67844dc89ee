using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging.Projections;

/// <summary>One axis of a <see cref="PatientAlignedView"/>: how many voxels, how far apart, and the signed stride in the voxel array.</summary>
internal readonly record struct ViewAxis(int Size, double Spacing, long Stride);

/// <summary>
/// The volume seen along the patient axes L, P, S (LPS, index increasing toward patient left, posterior, superior) without
/// copying: each volume axis is matched to the patient axis it points most along (closest canonical orientation), and
/// reversed through a negative stride when it points the other way. A tilt-corrected volume stays oblique by the tilt angle.
/// </summary>
internal sealed class PatientAlignedView
{
    private PatientAlignedView(float[] voxels, long origin, ViewAxis[] axes, int[] volumeAxisOf, bool[] reversed)
    {
        Voxels = voxels;
        Origin = origin;
        Axes = axes;
        _volumeAxisOf = volumeAxisOf;
        _reversed = reversed;
    }

    private readonly int[] _volumeAxisOf;
    private readonly bool[] _reversed;

    public float[] Voxels { get; }

    /// <summary>Offset of the voxel at view index (0, 0, 0).</summary>
    public long Origin { get; }

    /// <summary>Indexed by patient axis: 0 = left, 1 = posterior, 2 = superior.</summary>
    public ViewAxis[] Axes { get; }

    public static PatientAlignedView Of(CtVolume volume)
    {
        var g = volume.Geometry;
        Vector3d[] directions = [g.RowDirection, g.ColumnDirection, g.SliceDirection];
        int[] sizes = [g.SizeX, g.SizeY, g.SizeZ];
        double[] spacings = [g.SpacingX, g.SpacingY, g.SpacingZ];
        long[] strides = [1, g.SizeX, (long)g.SizeX * g.SizeY];
        var patientAxisOf = MatchAxes(directions);
        var axes = new ViewAxis[3];
        var volumeAxisOf = new int[3];
        var reversed = new bool[3];
        long origin = 0;
        for (var volumeAxis = 0; volumeAxis < 3; volumeAxis++)
        {
            var patientAxis = patientAxisOf[volumeAxis];
            var forward = directions[volumeAxis][patientAxis] > 0;
            if (!forward)
                origin += (sizes[volumeAxis] - 1) * strides[volumeAxis];
            axes[patientAxis] = new ViewAxis(sizes[volumeAxis], spacings[volumeAxis], forward ? strides[volumeAxis] : -strides[volumeAxis]);
            volumeAxisOf[patientAxis] = volumeAxis;
            reversed[patientAxis] = !forward;
        }
        return new PatientAlignedView(volume.Voxels, origin, axes, volumeAxisOf, reversed);
    }

    /// <summary>The view index along a patient axis of the voxel (x, y, z) of the volume.</summary>
    public int IndexAlong(int patientAxis, int x, int y, int z)
    {
        var volumeAxis = _volumeAxisOf[patientAxis];
        var index = volumeAxis switch { 0 => x, 1 => y, _ => z };
        return _reversed[patientAxis] ? Axes[patientAxis].Size - 1 - index : index;
    }

    /// <summary>Assigns each volume axis a distinct patient axis, strongest direction cosine first.</summary>
    private static int[] MatchAxes(Vector3d[] directions)
    {
        var result = new[] { -1, -1, -1 };
        var taken = new bool[3];
        for (var round = 0; round < 3; round++)
        {
            var (bestVolume, bestPatient, bestValue) = (-1, -1, -1.0);
            for (var v = 0; v < 3; v++)
            {
                if (result[v] >= 0)
                    continue;
                for (var p = 0; p < 3; p++)
                {
                    if (!taken[p] && Math.Abs(directions[v][p]) > bestValue)
                        (bestVolume, bestPatient, bestValue) = (v, p, Math.Abs(directions[v][p]));
                }
            }
            result[bestVolume] = bestPatient;
            taken[bestPatient] = true;
        }
        return result;
    }
}
