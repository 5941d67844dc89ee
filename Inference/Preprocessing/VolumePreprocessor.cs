using System.Buffers;
using System.Numerics.Tensors;
using HeadCt.Imaging.Volume;
using HeadCt.Inference.Models;

namespace HeadCt.Inference.Preprocessing;

/// <summary>
/// CT volume (HU) → model grid (trilinear, over the volume's whole extent) → HU-window channels → normalisation.
/// The same code exports training tensors (tools/Phantoms), so training sees exactly what serving computes.
/// </summary>
public static class VolumePreprocessor
{
    public static ModelTensor Run(CtVolume volume, ModelInput input)
    {
        var g = volume.Geometry;
        var depth = TargetDepth(g, input);
        var length = depth * input.Height * input.Width;
        var hu = ArrayPool<float>.Shared.Rent(length);
        try
        {
            var grid = hu.AsSpan(0, length);
            TrilinearResampler.Resample(volume.Voxels, g.SizeX, g.SizeY, g.SizeZ, grid, input.Width, input.Height, depth);
            var data = new float[input.Channels.Count * length];
            var unit = input.Normalisation == Normalisation.WindowToUnit;
            for (var c = 0; c < input.Channels.Count; c++)
                ChannelWindowing.Apply(grid, data.AsSpan(c * length, length), input.Channels[c], unit);
            var (offset, scale) = input.Normalisation == Normalisation.TensorMinMax ? MinMax(data) : (0f, 1f);
            var outside = new float[input.Channels.Count];
            for (var c = 0; c < outside.Length; c++)
                outside[c] = unit ? 0f : ((input.Channels[c].MaskOutside ? 0f : input.Channels[c].LowerHu) - offset) * scale;
            return new ModelTensor(data, input.Channels.Count, depth, input.Height, input.Width) { OutsideWindowLevels = outside };
        }
        finally
        {
            ArrayPool<float>.Shared.Return(hu);
        }
    }

    public static int TargetDepth(VolumeGeometry g, ModelInput input) => input.DepthPolicy switch
    {
        DepthPolicy.FixedCount => input.Depth!.Value,
        _ when input.TargetSliceSpacingMm is { } spacing => Math.Max(1, (int)Math.Round(g.SizeZ * g.SpacingZ / spacing)),
        _ => g.SizeZ,
    };

    /// <summary>Scales the whole tensor to [0, 1] in place; returns the (offset, scale) it applied, value' = (value − offset)·scale.</summary>
    private static (float Offset, float Scale) MinMax(Span<float> data)
    {
        var min = TensorPrimitives.Min(data);
        var range = TensorPrimitives.Max(data) - min;
        if (range <= 0)
        {
            data.Clear();
            return (min, 0f);
        }
        TensorPrimitives.Subtract(data, min, data);
        TensorPrimitives.Multiply(data, 1 / range, data);
        return (min, 1 / range);
    }
}
