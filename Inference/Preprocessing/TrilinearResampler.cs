using System.Buffers;
using System.Numerics.Tensors;

namespace HeadCt.Inference.Preprocessing;

/// <summary>
/// Trilinear resampling of a [z][y][x] grid to another size over the same extent, done as three linear passes
/// (z, then y and x; linear interpolation is separable, so this equals trilinear). The z and y passes blend whole
/// rows or slices with <see cref="TensorPrimitives"/>; intermediates come from <see cref="ArrayPool{T}"/>.
/// </summary>
public static class TrilinearResampler
{
    public static void Resample(ReadOnlySpan<float> source, int sourceX, int sourceY, int sourceZ,
        Span<float> target, int targetX, int targetY, int targetZ)
    {
        GridSizes.Check(source.Length, sourceX, sourceY, sourceZ, target.Length, targetX, targetY, targetZ);
        // The x pass is the only scalar one, so it runs on whichever side of the y pass has fewer rows: after it when
        // shrinking (preprocessing), before it when enlarging (CAM to the volume grid), where it is 8× less work.
        Resample(source, sourceX, sourceY, target, targetX, targetY, targetZ,
            new LinearAxis(sourceX, targetX), new LinearAxis(sourceY, targetY), new LinearAxis(sourceZ, targetZ), xFirst: sourceY < targetY);
    }

    /// <summary>
    /// With the axes given: the source holds only the samples they index (see <see cref="LinearAxis.Within"/>), and the
    /// pass order is the full grid's, so the result is bit for bit the full grid's.
    /// </summary>
    internal static void Resample(ReadOnlySpan<float> source, int sourceX, int sourceY, Span<float> target, int targetX, int targetY, int targetZ,
        LinearAxis xAxis, LinearAxis yAxis, LinearAxis zAxis, bool xFirst)
    {
        var sourceSlice = sourceX * sourceY;
        var slice = ArrayPool<float>.Shared.Rent(sourceSlice);
        var rows = ArrayPool<float>.Shared.Rent(xFirst ? sourceY * targetX : sourceX * targetY);
        try
        {
            for (var z = 0; z < targetZ; z++)
            {
                Blend(source.Slice(zAxis.Lower[z] * sourceSlice, sourceSlice), source.Slice(zAxis.Upper[z] * sourceSlice, sourceSlice),
                    zAxis.Weight[z], slice.AsSpan(0, sourceSlice));
                var targetSlice = target.Slice(z * targetX * targetY, targetX * targetY);
                if (xFirst)
                {
                    for (var y = 0; y < sourceY; y++)
                        AlongX(slice.AsSpan(y * sourceX, sourceX), rows.AsSpan(y * targetX, targetX), xAxis);
                    for (var y = 0; y < targetY; y++)
                    {
                        Blend(rows.AsSpan(yAxis.Lower[y] * targetX, targetX), rows.AsSpan(yAxis.Upper[y] * targetX, targetX),
                            yAxis.Weight[y], targetSlice.Slice(y * targetX, targetX));
                    }
                    continue;
                }
                for (var y = 0; y < targetY; y++)
                {
                    Blend(slice.AsSpan(yAxis.Lower[y] * sourceX, sourceX), slice.AsSpan(yAxis.Upper[y] * sourceX, sourceX),
                        yAxis.Weight[y], rows.AsSpan(y * sourceX, sourceX));
                }
                for (var y = 0; y < targetY; y++)
                    AlongX(rows.AsSpan(y * sourceX, sourceX), targetSlice.Slice(y * targetX, targetX), xAxis);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(slice);
            ArrayPool<float>.Shared.Return(rows);
        }
    }

    private static void AlongX(ReadOnlySpan<float> row, Span<float> target, LinearAxis xAxis)
    {
        for (var x = 0; x < target.Length; x++)
        {
            var a = row[xAxis.Lower[x]];
            target[x] = a + (row[xAxis.Upper[x]] - a) * xAxis.Weight[x];
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
