using HeadCt.Imaging.Projections;

namespace HeadCt.Processor.Attention;

/// <summary>Bilinear resampling of a plane onto a grid covering the same field of view (pixel centres on pixel centres).</summary>
public static class PlaneSampler
{
    /// <summary>The size the plane has with square pixels of its finer spacing, as the viewer slices are stored.</summary>
    public static (int Width, int Height) SquareSize(PlaneImage plane)
    {
        var size = Math.Min(plane.PixelWidthMm, plane.PixelHeightMm);
        return (Math.Max(1, (int)Math.Round(plane.Width * plane.PixelWidthMm / size)),
                Math.Max(1, (int)Math.Round(plane.Height * plane.PixelHeightMm / size)));
    }

    public static float[] Resample(PlaneImage plane, int width, int height)
    {
        var output = new float[width * height];
        var scaleX = (double)plane.Width / width;
        var scaleY = (double)plane.Height / height;
        var source = plane.Pixels;
        for (var y = 0; y < height; y++)
        {
            var sy = Math.Clamp((y + 0.5) * scaleY - 0.5, 0, plane.Height - 1);
            var y0 = (int)sy;
            var y1 = Math.Min(y0 + 1, plane.Height - 1);
            var fy = (float)(sy - y0);
            for (var x = 0; x < width; x++)
            {
                var sx = Math.Clamp((x + 0.5) * scaleX - 0.5, 0, plane.Width - 1);
                var x0 = (int)sx;
                var x1 = Math.Min(x0 + 1, plane.Width - 1);
                var fx = (float)(sx - x0);
                var top = source[y0 * plane.Width + x0] + (source[y0 * plane.Width + x1] - source[y0 * plane.Width + x0]) * fx;
                var bottom = source[y1 * plane.Width + x0] + (source[y1 * plane.Width + x1] - source[y1 * plane.Width + x0]) * fx;
                output[y * width + x] = top + (bottom - top) * fy;
            }
        }

        return output;
    }

    /// <summary>Where the centre of plane pixel (column, row) falls on a resampled grid of the given size.</summary>
    public static (int Column, int Row) Map(PlaneImage plane, int column, int row, int width, int height) =>
        (Math.Clamp((int)Math.Floor((column + 0.5) * width / plane.Width), 0, width - 1),
         Math.Clamp((int)Math.Floor((row + 0.5) * height / plane.Height), 0, height - 1));
}
