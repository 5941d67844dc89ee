using System.Buffers;
using System.Numerics.Tensors;
using HeadCt.Imaging.Volume;
using HeadCt.Inference.Models;

namespace HeadCt.Inference.Preprocessing;

/// <summary>
/// Values on a grid (the HU volume, or the slices as acquired) → model grid (linear over the whole extent, or
/// nearest-floor) → window channels → normalisation → the input precision. The same code exports training tensors
/// (tools/Phantoms), so training sees exactly what serving computes.
/// </summary>
public static class VolumePreprocessor
{
    public static ModelTensor Run(CtVolume volume, ModelInput input) => Run(VoxelStack.Of(volume), input);

    public static ModelTensor Run(VoxelStack source, ModelInput input)
    {
        var depth = TargetDepth(source.Depth, source.SliceSpacingMm, input);
        var length = depth * input.Height * input.Width;
        var grid = ArrayPool<float>.Shared.Rent(length);
        try
        {
            var resized = grid.AsSpan(0, length);
            if (input.Resize == ResizeMode.NearestFloor)
                NearestResampler.Resample(source.Values, source.Width, source.Height, source.Depth, resized, input.Width, input.Height, depth);
            else
                TrilinearResampler.Resample(source.Values, source.Width, source.Height, source.Depth, resized, input.Width, input.Height, depth);
            return Channels(resized, depth, input);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(grid);
        }
    }

    /// <summary>What <see cref="Run(VoxelStack, ModelInput)"/> gives for the full grid, from the samples it reads (linear resize only).</summary>
    public static ModelTensor Run(SampledStack source, ModelInput input)
    {
        if (input.Resize != ResizeMode.Linear)
            throw new NotSupportedException("A sampled stack is resampled linearly only.");
        var depth = TargetDepth(source.Depth, source.SliceSpacingMm, input);
        var length = depth * input.Height * input.Width;
        var grid = ArrayPool<float>.Shared.Rent(length);
        try
        {
            var resized = grid.AsSpan(0, length);
            Resample(source.Values, source, resized, input, depth);
            return Channels(resized, depth, input);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(grid);
        }
    }

    /// <summary>Resamples values laid out like <paramref name="layout"/> (e.g. a lesion mask rendered with it) to the model grid.</summary>
    public static void Resample(ReadOnlySpan<float> values, SampledStack layout, Span<float> target, ModelInput input, int depth) =>
        TrilinearResampler.Resample(values, layout.Columns.Length, layout.Rows.Length, target, input.Width, input.Height, depth,
            new LinearAxis(layout.Width, input.Width).Within(layout.Columns), new LinearAxis(layout.Height, input.Height).Within(layout.Rows),
            new LinearAxis(layout.Depth, depth).Within(layout.Slices), xFirst: layout.Height < input.Height);

    /// <summary>Model grid values → window channels → normalisation → input precision.</summary>
    private static ModelTensor Channels(Span<float> resized, int depth, ModelInput input)
    {
        var length = resized.Length;
        var data = new float[input.Channels.Count * length];
        var unit = input.Normalisation == Normalisation.WindowToUnit;
        for (var c = 0; c < input.Channels.Count; c++)
            ChannelWindowing.Apply(resized, data.AsSpan(c * length, length), input.Channels[c], unit);
        var (offset, range) = input.Normalisation == Normalisation.TensorMinMax ? MinMax(data) : (0f, 1f);
        var outside = new float[input.Channels.Count];
        for (var c = 0; c < outside.Length; c++)
            outside[c] = unit || range <= 0 ? 0f : ((input.Channels[c].MaskOutside ? 0f : input.Channels[c].LowerHu) - offset) / range;
        if (input.InputPrecision == InputPrecision.Float16)
        {
            RoundToHalf(data);
            RoundToHalf(outside);
        }
        return new ModelTensor(data, input.Channels.Count, depth, input.Height, input.Width) { OutsideWindowLevels = outside };
    }

    public static int TargetDepth(VolumeGeometry g, ModelInput input) => TargetDepth(g.SizeZ, g.SpacingZ, input);

    public static int TargetDepth(int depth, double spacingMm, ModelInput input) => input.DepthPolicy switch
    {
        DepthPolicy.FixedCount => input.Depth!.Value,
        _ when input.TargetSliceSpacingMm is { } spacing => Math.Max(1, (int)Math.Round(depth * spacingMm / spacing)),
        _ => depth,
    };

    /// <summary>For each axis of a source of the given size, which indices the resampling to the model grid reads.</summary>
    public static SourceSubset SourceIndices(int width, int height, int depth, double spacingMm, ModelInput input)
    {
        var targetDepth = TargetDepth(depth, spacingMm, input);
        return input.Resize == ResizeMode.NearestFloor
            ? new SourceSubset(Used(NearestResampler.Indices(width, input.Width), width),
                Used(NearestResampler.Indices(height, input.Height), height), Used(NearestResampler.Indices(depth, targetDepth), depth))
            : new SourceSubset(Used(new LinearAxis(width, input.Width), width), Used(new LinearAxis(height, input.Height), height),
                Used(new LinearAxis(depth, targetDepth), depth));
    }

    private static bool[] Used(int[] indices, int length)
    {
        var used = new bool[length];
        foreach (var i in indices)
            used[i] = true;
        return used;
    }

    private static bool[] Used(LinearAxis axis, int length)
    {
        var used = new bool[length];
        for (var i = 0; i < axis.Lower.Length; i++)
            used[axis.Lower[i]] = used[axis.Upper[i]] = true;
        return used;
    }

    private static void RoundToHalf(Span<float> values)
    {
        for (var i = 0; i < values.Length; i++)
            values[i] = (float)(Half)values[i];
    }

    /// <summary>
    /// Scales the whole tensor to [0, 1] in place, value' = (value − min) / (max − min) with an IEEE division per value
    /// (as PyTorch and NumPy compute it, so a float16 cast after it rounds the same); returns (min, max − min).
    /// </summary>
    private static (float Offset, float Range) MinMax(Span<float> data)
    {
        var min = TensorPrimitives.Min(data);
        var range = TensorPrimitives.Max(data) - min;
        if (range <= 0)
        {
            data.Clear();
            return (min, 0f);
        }
        TensorPrimitives.Subtract(data, min, data);
        TensorPrimitives.Divide(data, range, data);
        return (min, range);
    }
}
