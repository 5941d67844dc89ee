namespace HeadCt.Imaging.Projections;

/// <summary>Resamples an image with rectangular pixels to square ones (the finer of the two sizes), so anatomy keeps its true aspect ratio.</summary>
public static class SquarePixelResampler
{
    /// <summary>The size <see cref="Resample"/> gives an image of this size and spacing, and its square pixel size.</summary>
    public static (int Width, int Height, double PixelSizeMm) SquareShape(int width, int height, double pixelWidthMm, double pixelHeightMm)
    {
        var size = Math.Min(pixelWidthMm, pixelHeightMm);
        if (IsSquare(pixelWidthMm, pixelHeightMm))
            return (width, height, pixelWidthMm);
        return (Math.Max(1, (int)Math.Round(width * pixelWidthMm / size)), Math.Max(1, (int)Math.Round(height * pixelHeightMm / size)), size);
    }

    public static PlaneImage Resample(PlaneImage image)
    {
        if (IsSquare(image.PixelWidthMm, image.PixelHeightMm))
            return image;
        var (width, height, size) = SquareShape(image.Width, image.Height, image.PixelWidthMm, image.PixelHeightMm);
        var output = new float[width * height];
        // Output pixel centres map onto input pixel centres: (o + 0.5)·out = (i + 0.5)·in.
        var scaleX = (double)image.Width / width;
        var scaleY = (double)image.Height / height;
        var source = image.Pixels;
        for (var y = 0; y < height; y++)
        {
            var sy = Math.Clamp((y + 0.5) * scaleY - 0.5, 0, image.Height - 1);
            var y0 = (int)sy;
            var y1 = Math.Min(y0 + 1, image.Height - 1);
            var fy = (float)(sy - y0);
            for (var x = 0; x < width; x++)
            {
                var sx = Math.Clamp((x + 0.5) * scaleX - 0.5, 0, image.Width - 1);
                var x0 = (int)sx;
                var x1 = Math.Min(x0 + 1, image.Width - 1);
                var fx = (float)(sx - x0);
                var top = source[y0 * image.Width + x0] + (source[y0 * image.Width + x1] - source[y0 * image.Width + x0]) * fx;
                var bottom = source[y1 * image.Width + x0] + (source[y1 * image.Width + x1] - source[y1 * image.Width + x0]) * fx;
                output[y * width + x] = top + (bottom - top) * fy;
            }
        }
        return new PlaneImage(output, width, height, size, size);
    }

    private static bool IsSquare(double pixelWidthMm, double pixelHeightMm) =>
        Math.Abs(pixelWidthMm - pixelHeightMm) < 1e-6 * Math.Min(pixelWidthMm, pixelHeightMm);
}
