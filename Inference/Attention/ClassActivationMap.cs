using System.Numerics.Tensors;
using HeadCt.Imaging.Volume;
using HeadCt.Inference.Preprocessing;

namespace HeadCt.Inference.Attention;

/// <summary>
/// CAM for a global-average-pool + linear head: ReLU(Σₖ wₖ·Aₖ) over the last feature map (equal to Grad-CAM for such
/// a head), upsampled trilinearly to the volume grid. The feature map covers the same extent as the model grid, which
/// covers the whole volume, so one resampling maps it back.
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

    public static AttentionMap ToVolume(ReadOnlySpan<float> cam, int depth, int height, int width, VolumeGeometry g) =>
        ToVolume(new AttentionGrid(cam.ToArray(), width, height, depth), g);

    public static AttentionMap ToVolume(AttentionGrid grid, VolumeGeometry g)
    {
        var values = new float[g.VoxelCount];
        TrilinearResampler.Resample(grid.Values, grid.Width, grid.Height, grid.Depth, values, g.SizeX, g.SizeY, g.SizeZ);
        var peakIndex = TensorPrimitives.IndexOfMax(values);
        AttentionPeak? peak = null;
        if (values[peakIndex] > 0)
        {
            var slice = g.SizeX * g.SizeY;
            var (z, inSlice) = Math.DivRem(peakIndex, slice);
            var (y, x) = Math.DivRem(inSlice, g.SizeX);
            peak = new AttentionPeak(x, y, z, g.PatientPosition(x, y, z), values[peakIndex]);
        }
        return new AttentionMap(values, peak, KeySlices(values, g)) { Grid = grid };
    }

    private static int[] KeySlices(float[] values, VolumeGeometry g)
    {
        var slice = g.SizeX * g.SizeY;
        var maxima = new float[g.SizeZ];
        for (var z = 0; z < g.SizeZ; z++)
            maxima[z] = TensorPrimitives.Max(values.AsSpan(z * slice, slice));
        var order = new int[g.SizeZ];
        for (var z = 0; z < order.Length; z++)
            order[z] = z;
        Array.Sort(maxima, order);
        var count = Math.Min(KeySliceCount, g.SizeZ);
        var keys = new List<int>(count);
        for (var i = g.SizeZ - 1; i >= 0 && keys.Count < count; i--)
        {
            if (maxima[i] > 0)
                keys.Add(order[i]);
        }
        return [.. keys];
    }
}
