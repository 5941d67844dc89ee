using System.Numerics.Tensors;
using HeadCt.Imaging.Anatomy;
using HeadCt.Imaging.Volume;
using HeadCt.Inference.Preprocessing;

namespace HeadCt.Inference.Attention;

/// <summary>
/// CAM for a global-average-pool + linear head: ReLU(Σₖ wₖ·Aₖ) over the last feature map (equal to Grad-CAM for such
/// a head), upsampled trilinearly to the volume grid. The feature map covers the same extent as the model grid, which
/// covers the whole volume, so one resampling maps it back. Given the intracranial cavity, attention outside it is set to
/// zero, so the peak and the key slices lie inside it and no heat is drawn outside it.
/// </summary>
public static class ClassActivationMap
{
    public const int KeySliceCount = 3;

    public static float[] Combine(ReadOnlySpan<float> features, int channels, IReadOnlyList<float> classWeights)
    {
        var length = features.Length / channels;
        var cam = new float[length];
        for (var k = 0; k < channels; k++)
            TensorPrimitives.MultiplyAdd(features.Slice(k * length, length), classWeights[k], cam, cam);
        TensorPrimitives.Max(cam, 0f, cam);
        return cam;
    }

    public static AttentionMap ToVolume(ReadOnlySpan<float> cam, int depth, int height, int width, VolumeGeometry g, IntracranialMask? cavity = null) =>
        ToVolume(new AttentionGrid(cam.ToArray(), width, height, depth), g, cavity);

    public static AttentionMap ToVolume(AttentionGrid grid, VolumeGeometry g, IntracranialMask? cavity = null)
    {
        var values = new float[g.VoxelCount];
        TrilinearResampler.Resample(grid.Values, grid.Width, grid.Height, grid.Depth, values, g.SizeX, g.SizeY, g.SizeZ);
        if (cavity is not null)
            KeepInside(values, cavity);
        var peakIndex = ExactArgMax.Of(values);
        AttentionPeak? peak = null;
        if (peakIndex >= 0 && values[peakIndex] > 0)
        {
            var slice = g.SizeX * g.SizeY;
            var (z, inSlice) = Math.DivRem(peakIndex, slice);
            var (y, x) = Math.DivRem(inSlice, g.SizeX);
            peak = new AttentionPeak(x, y, z, g.PatientPosition(x, y, z), values[peakIndex]);
        }
        return new AttentionMap(values, peak, KeySlices(values, g)) { Grid = grid };
    }

    private static void KeepInside(Span<float> values, IntracranialMask cavity)
    {
        if (cavity.Voxels.Length != values.Length)
            throw new ArgumentException("The cavity mask is not on the attention's volume grid.", nameof(cavity));
        var inside = cavity.Voxels;
        for (var i = 0; i < values.Length; i++)
        {
            if (inside[i] == 0)
                values[i] = 0;
        }
    }

    /// <summary>The slices with the strongest attention, strongest first, ties to the lower slice; none where the map is zero.</summary>
    private static int[] KeySlices(float[] values, VolumeGeometry g)
    {
        var slice = g.SizeX * g.SizeY;
        var maxima = new float[g.SizeZ];
        for (var z = 0; z < g.SizeZ; z++)
            maxima[z] = TensorPrimitives.Max(values.AsSpan(z * slice, slice));
        var order = new int[g.SizeZ];
        for (var z = 0; z < order.Length; z++)
            order[z] = z;
        Array.Sort(order, (a, b) => maxima[a] != maxima[b] ? maxima[b].CompareTo(maxima[a]) : a.CompareTo(b));
        var keys = new List<int>(KeySliceCount);
        foreach (var z in order)
        {
            if (keys.Count == KeySliceCount || maxima[z] <= 0)
                break;
            keys.Add(z);
        }
        return [.. keys];
    }
}
