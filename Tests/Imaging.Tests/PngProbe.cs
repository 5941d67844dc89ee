using SkiaSharp;

namespace HeadCt.Imaging.Tests;

/// <summary>Reads a PNG back and measures it.</summary>
internal static class PngProbe
{
    public static byte[,] Grey(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidOperationException("Not a PNG");
        var grey = new byte[bitmap.Height, bitmap.Width];
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
                grey[y, x] = bitmap.GetPixel(x, y).Red;
        }
        return grey;
    }

    /// <summary>Centroid (column, row) of the pixels at or above <paramref name="threshold"/>.</summary>
    public static (double Column, double Row, int Count) BrightCentroid(byte[,] grey, byte threshold = 128)
    {
        double sx = 0, sy = 0;
        var count = 0;
        for (var y = 0; y < grey.GetLength(0); y++)
        {
            for (var x = 0; x < grey.GetLength(1); x++)
            {
                if (grey[y, x] < threshold)
                    continue;
                sx += x;
                sy += y;
                count++;
            }
        }
        return count == 0 ? (double.NaN, double.NaN, 0) : (sx / count, sy / count, count);
    }
}
