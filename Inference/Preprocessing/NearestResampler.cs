namespace HeadCt.Inference.Preprocessing;

/// <summary>
/// Nearest-neighbour resampling with source index ⌊i · source / target⌋ on every axis (OpenCV's <c>INTER_NEAREST</c>,
/// which is not centre-aligned). Computed in integers, so exact; OpenCV computes the ratio in double, which agrees
/// whenever the ratio is exact in binary (any source size over a power-of-two target, such as 128).
/// </summary>
public static class NearestResampler
{
    public static void Resample(ReadOnlySpan<float> source, int sourceX, int sourceY, int sourceZ,
        Span<float> target, int targetX, int targetY, int targetZ)
    {
        GridSizes.Check(source.Length, sourceX, sourceY, sourceZ, target.Length, targetX, targetY, targetZ);
        var xs = Indices(sourceX, targetX);
        var ys = Indices(sourceY, targetY);
        var zs = Indices(sourceZ, targetZ);
        for (var z = 0; z < targetZ; z++)
        {
            var sourceSlice = source.Slice(zs[z] * sourceX * sourceY, sourceX * sourceY);
            for (var y = 0; y < targetY; y++)
            {
                var row = sourceSlice.Slice(ys[y] * sourceX, sourceX);
                var targetRow = target.Slice((z * targetY + y) * targetX, targetX);
                for (var x = 0; x < targetX; x++)
                    targetRow[x] = row[xs[x]];
            }
        }
    }

    /// <summary>The source index each target index reads.</summary>
    public static int[] Indices(int sourceLength, int targetLength)
    {
        var indices = new int[targetLength];
        for (var i = 0; i < targetLength; i++)
            indices[i] = (int)Math.Min((long)i * sourceLength / targetLength, sourceLength - 1);
        return indices;
    }
}
