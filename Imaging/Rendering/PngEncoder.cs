using SkiaSharp;

namespace HeadCt.Imaging.Rendering;

/// <summary>8-bit greyscale and RGBA PNGs through SkiaSharp.</summary>
public static class PngEncoder
{
    public static byte[] EncodeGrey(ReadOnlySpan<byte> pixels, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var image = SKImage.FromPixelCopy(info, pixels, width)
            ?? throw new InvalidOperationException($"SkiaSharp could not wrap a {width}×{height} grey image");
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Straight (not premultiplied) RGBA, 4 bytes per pixel, row-major.</summary>
    public static byte[] EncodeRgba(ReadOnlySpan<byte> pixels, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var image = SKImage.FromPixelCopy(info, pixels, width * 4)
            ?? throw new InvalidOperationException($"SkiaSharp could not wrap a {width}×{height} RGBA image");
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
