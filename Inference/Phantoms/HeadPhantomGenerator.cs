using HeadCt.Imaging.Volume;
using HeadCt.Inference.Preprocessing;

namespace HeadCt.Inference.Phantoms;

/// <summary>
/// Renders a <see cref="HeadPhantomSpec"/> (anatomy in <see cref="HeadModel"/>): the head posed as the spec says, each
/// voxel the mean of a few samples through the slice's thickness when slices are thicker than pixels (partial volume
/// along z), plus correlated noise. <see cref="GenerateSampled"/> renders only the voxels a resampling reads, with
/// exactly the values the full rendering gives them.
/// </summary>
public static class HeadPhantomGenerator
{
    public static HeadPhantom Generate(HeadPhantomSpec spec)
    {
        var geometry = Geometry(spec);
        var voxels = new float[geometry.VoxelCount];
        var mask = new byte[geometry.VoxelCount];
        var renderer = new VoxelRenderer(spec, geometry);
        var sliceLength = spec.SizeX * spec.SizeY;
        Parallel.For(0, spec.SizeZ, z =>
        {
            for (var y = 0; y < spec.SizeY; y++)
            {
                for (var x = 0; x < spec.SizeX; x++)
                {
                    var index = z * sliceLength + y * spec.SizeX + x;
                    (voxels[index], var lesion) = renderer.Render(x, y, z);
                    mask[index] = lesion ? (byte)1 : (byte)0;
                }
            }
        });
        return new HeadPhantom(new CtVolume(voxels, geometry), mask, spec);
    }

    /// <summary>The voxels of <paramref name="subset"/> only, laid out as a <see cref="SampledStack"/>, and the lesion mask (0 or 1) the same way.</summary>
    public static (SampledStack Hu, float[] LesionMask, int LesionVoxels) GenerateSampled(HeadPhantomSpec spec, SourceSubset subset)
    {
        var (columns, rows, slices) = SampledStack.Lists(subset);
        var renderer = new VoxelRenderer(spec, Geometry(spec));
        var voxels = new float[columns.Length * rows.Length * slices.Length];
        var mask = new float[voxels.Length];
        Parallel.For(0, slices.Length, k =>
        {
            for (var j = 0; j < rows.Length; j++)
            {
                for (var i = 0; i < columns.Length; i++)
                {
                    var index = (k * rows.Length + j) * columns.Length + i;
                    (voxels[index], var lesion) = renderer.Render(columns[i], rows[j], slices[k]);
                    mask[index] = lesion ? 1 : 0;
                }
            }
        });
        var lesionVoxels = 0;
        foreach (var m in mask)
            lesionVoxels += (int)m;
        return (new SampledStack(voxels, columns, rows, slices, spec.SizeX, spec.SizeY, spec.SizeZ, spec.SliceSpacingMm), mask, lesionVoxels);
    }

    public static VolumeGeometry Geometry(HeadPhantomSpec spec)
    {
        var origin = new Vector3d(-(spec.SizeX - 1) / 2.0 * spec.PixelSpacingMm, -(spec.SizeY - 1) / 2.0 * spec.PixelSpacingMm,
            -(spec.SizeZ - 1) / 2.0 * spec.SliceSpacingMm);
        return new VolumeGeometry(spec.SizeX, spec.SizeY, spec.SizeZ, spec.PixelSpacingMm, spec.PixelSpacingMm, spec.SliceSpacingMm,
            origin, new Vector3d(1, 0, 0), new Vector3d(0, 1, 0), new Vector3d(0, 0, 1));
    }

    /// <summary>One voxel: posed samples through the slice, their mean HU plus noise, and whether it is at least half lesion.</summary>
    private sealed class VoxelRenderer(HeadPhantomSpec spec, VolumeGeometry geometry)
    {
        private readonly HeadModel _model = new(spec);
        private readonly double[] _pose = Rotation(spec.PoseDegrees);
        private readonly int _throughSlice = Math.Clamp((int)Math.Ceiling(spec.SliceSpacingMm / (1.5 * spec.PixelSpacingMm)), 1, 3);
        private readonly CorrelatedNoise _noise = new(spec.NoiseSeed, spec.NoiseSdHu);

        public (float Hu, bool Lesion) Render(int x, int y, int z)
        {
            var (hu, lesion) = (0.0, 0.0);
            for (var s = 0; s < _throughSlice; s++)
            {
                var offset = (s + 0.5) / _throughSlice - 0.5;
                var p = Apply(_pose, geometry.PatientPosition(x, y, z + offset) - spec.HeadCentre);
                var sample = _model.Sample(p, spec.PixelSpacingMm);
                hu += sample.Hu;
                lesion += sample.Lesion;
            }
            return ((float)(hu / _throughSlice + _noise.At(x, y, z)), lesion / _throughSlice >= 0.5);
        }
    }

    /// <summary>Patient → head axes: the inverse of turning the head by pitch (about L–R), roll (about A–P) and yaw (about S–I).</summary>
    private static double[] Rotation(Vector3d degrees)
    {
        var (a, b, c) = (degrees.X * Math.PI / 180, degrees.Y * Math.PI / 180, degrees.Z * Math.PI / 180);
        var (ca, sa, cb, sb, cc, sc) = (Math.Cos(a), Math.Sin(a), Math.Cos(b), Math.Sin(b), Math.Cos(c), Math.Sin(c));
        // R = Rz(c) · Ry(b) · Rx(a); a head point q sits at R·q in the patient, so q = Rᵀ·p.
        double[] r =
        [
            cc * cb, cc * sb * sa - sc * ca, cc * sb * ca + sc * sa,
            sc * cb, sc * sb * sa + cc * ca, sc * sb * ca - cc * sa,
            -sb, cb * sa, cb * ca,
        ];
        return [r[0], r[3], r[6], r[1], r[4], r[7], r[2], r[5], r[8]];
    }

    private static Vector3d Apply(double[] m, Vector3d p) =>
        new(m[0] * p.X + m[1] * p.Y + m[2] * p.Z, m[3] * p.X + m[4] * p.Y + m[5] * p.Z, m[6] * p.X + m[7] * p.Y + m[8] * p.Z);
}
