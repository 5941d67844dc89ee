namespace HeadCt.Imaging.Anatomy;

/// <summary>
/// Square erosion and dilation within each slice (radius r: a (2r+1)² square), done separably with running counts
/// along rows then columns, so the cost does not grow with r.
/// </summary>
internal static class InPlaneMorphology
{
    /// <summary>A voxel stays 1 only when its whole square is 1.</summary>
    public static void Erode(Span<byte> mask, int width, int height, int depth, int radius) =>
        Filter(mask, width, height, depth, radius, keepWhenAll: true);

    /// <summary>A voxel becomes 1 when any voxel of its square is 1.</summary>
    public static void Dilate(Span<byte> mask, int width, int height, int depth, int radius) =>
        Filter(mask, width, height, depth, radius, keepWhenAll: false);

    private static void Filter(Span<byte> mask, int width, int height, int depth, int radius, bool keepWhenAll)
    {
        if (radius <= 0)
            return;
        var line = new byte[Math.Max(width, height)];
        var sliceLength = width * height;
        for (var z = 0; z < depth; z++)
        {
            var slice = mask.Slice(z * sliceLength, sliceLength);
            for (var y = 0; y < height; y++)
                Line(slice, y * width, 1, width, radius, keepWhenAll, line);
            for (var x = 0; x < width; x++)
                Line(slice, x, width, height, radius, keepWhenAll, line);
        }
    }

    /// <summary>One row or column: a window of 2r+1 slides along it, counting ones; outside the image counts as 0.</summary>
    private static void Line(Span<byte> slice, int start, int step, int count, int radius, bool keepWhenAll, byte[] line)
    {
        for (var n = 0; n < count; n++)
            line[n] = slice[start + n * step];
        var window = 2 * radius + 1;
        var ones = 0;
        for (var n = 0; n < Math.Min(radius, count); n++)
            ones += line[n];
        for (var n = 0; n < count; n++)
        {
            if (n + radius < count)
                ones += line[n + radius];
            if (n - radius - 1 >= 0)
                ones -= line[n - radius - 1];
            slice[start + n * step] = (keepWhenAll ? ones == window : ones > 0) ? (byte)1 : (byte)0;
        }
    }
}
