namespace HeadCt.Imaging.Volume;

/// <summary>
/// Fills the orthogonal output grid from slices at arbitrary distances along the normal and arbitrary in-plane offsets:
/// linear between the two nearest slices along the normal, bilinear within each slice (which removes the shear of a
/// tilted gantry). Points outside the acquired slices are air.
/// </summary>
internal static class StackResampler
{
    public static void Resample(IReadOnlyList<StackedSlice> slices, float[] input, CtVolume output, VolumeOptions options)
    {
        var geometry = output.Geometry;
        var plane = output.SliceLength;
        var first = slices[0].DistanceMm;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxDegreeOfParallelism) };
        Parallel.For(0, geometry.SizeZ, parallel, k =>
        {
            var distance = first + k * geometry.SpacingZ;
            var upper = 1;
            while (upper < slices.Count - 1 && slices[upper].DistanceMm < distance)
                upper++;
            var lower = upper - 1;
            var weight = (float)Math.Clamp((distance - slices[lower].DistanceMm) / (slices[upper].DistanceMm - slices[lower].DistanceMm), 0, 1);
            var target = output.Slice(k);
            Shifted(input.AsSpan(lower * plane, plane), slices[lower], geometry, target, 1 - weight, accumulate: false);
            if (weight > 0)
                Shifted(input.AsSpan(upper * plane, plane), slices[upper], geometry, target, weight, accumulate: true);
        });
    }

    /// <summary>Writes (or adds) <paramref name="weight"/> × the slice sampled at output pixel (x, y) + the slice's offset.</summary>
    private static void Shifted(ReadOnlySpan<float> slice, StackedSlice source, VolumeGeometry geometry, Span<float> target, float weight, bool accumulate)
    {
        var (width, height) = (geometry.SizeX, geometry.SizeY);
        // Output pixel (x, y) lies at input pixel (x - offsetX, y - offsetY) of this slice.
        var shiftX = -source.OffsetX;
        var shiftY = -source.OffsetY;
        var baseX = (int)Math.Floor(shiftX);
        var baseY = (int)Math.Floor(shiftY);
        var fx = (float)(shiftX - baseX);
        var fy = (float)(shiftY - baseY);
        for (var y = 0; y < height; y++)
        {
            var row = target.Slice(y * width, width);
            var y0 = y + baseY;
            for (var x = 0; x < width; x++)
            {
                var x0 = x + baseX;
                var top = Lerp(Sample(slice, width, height, x0, y0), Sample(slice, width, height, x0 + 1, y0), fx);
                var bottom = Lerp(Sample(slice, width, height, x0, y0 + 1), Sample(slice, width, height, x0 + 1, y0 + 1), fx);
                var value = weight * Lerp(top, bottom, fy);
                row[x] = accumulate ? row[x] + value : value;
            }
        }
    }

    private static float Lerp(float a, float b, float t) => a + (b - a) * t;

    private static float Sample(ReadOnlySpan<float> slice, int width, int height, int x, int y) =>
        (uint)x < (uint)width && (uint)y < (uint)height ? slice[y * width + x] : CtVolume.AirHu;
}
