using System.Buffers;
using System.Numerics.Tensors;

namespace HeadCt.Inference.Preprocessing;

/// <summary>
/// Trilinear resampling of a [z][y][x] grid to another size over the same extent, done as three linear passes
/// (z, then y, then x; linear interpolation is separable, so this equals trilinear). The z and y passes blend whole
/// rows or slices with <see cref="TensorPrimitives"/>; intermediates come from <see cref="ArrayPool{T}"/>.
/// </summary>
public static class TrilinearResampler
{
    public static void Resample(ReadOnlySpan<float> source, int sourceX, int sourceY, int sourceZ,
        Span<float> target, int targetX, int targetY, int targetZ)
    {
        if (source.Length != sourceX * sourceY * sourceZ)
            throw new ArgumentException("Source length does not match its size.", nameof(source));
        if (target.Length != targetX * targetY * targetZ)
            throw new ArgumentException("Target length does not match its size.", nameof(target));
        var zAxis = new LinearAxis(sourceZ, targetZ);
        var yAxis = new LinearAxis(sourceY, targetY);
        var xAxis = new LinearAxis(sourceX, targetX);
        var sourceSlice = sourceX * sourceY;
        var slice = ArrayPool<float>.Shared.Rent(sourceSlice);
        var rows = ArrayPool<float>.Shared.Rent(sourceX * targetY);
        try
        {
            for (var z = 0; z < targetZ; z++)
            {
                Blend(source.Slice(zAxis.Lower[z] * sourceSlice, sourceSlice), source.Slice(zAxis.Upper[z] * sourceSlice, sourceSlice),
                    zAxis.Weight[z], slice.AsSpan(0, sourceSlice));
                for (var y = 0; y < targetY; y++)
                {
                    Blend(slice.AsSpan(yAxis.Lower[y] * sourceX, sourceX), slice.AsSpan(yAxis.Upper[y] * sourceX, sourceX),
                        yAxis.Weight[y], rows.AsSpan(y * sourceX, sourceX));
                }
                var targetSlice = target.Slice(z * targetX * targetY, targetX * targetY);
                for (var y = 0; y < targetY; y++)
                {
                    var row = rows.AsSpan(y * sourceX, sourceX);
                    var targetRow = targetSlice.Slice(y * targetX, targetX);
                    for (var x = 0; x < targetX; x++)
                    {
                        var a = row[xAxis.Lower[x]];
                        targetRow[x] = a + (row[xAxis.Upper[x]] - a) * xAxis.Weight[x];
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(slice);
            ArrayPool<float>.Shared.Return(rows);
        }
    }

    /// <summary>target = a + (b − a)·w, vectorised.</summary>
    private static void Blend(ReadOnlySpan<float> a, ReadOnlySpan<float> b, float w, Span<float> target)
    {
        if (w == 0)
        {
            a.CopyTo(target);
            return;
        }
        TensorPrimitives.Subtract(b, a, target);
        TensorPrimitives.MultiplyAdd(target, w, a, target);
    }
}
