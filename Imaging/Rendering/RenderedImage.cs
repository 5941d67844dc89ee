namespace HeadCt.Imaging.Rendering;

/// <summary>A rendered PNG and its size in pixels (square pixels of <see cref="PixelSizeMm"/>).</summary>
public sealed record RenderedImage(string Key, byte[] Png, int Width, int Height, double PixelSizeMm);
