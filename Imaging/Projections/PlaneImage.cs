namespace HeadCt.Imaging.Projections;

/// <summary>A 2-D HU image, row-major, with the physical size of its pixels (mm per column and per row).</summary>
public sealed record PlaneImage(float[] Pixels, int Width, int Height, double PixelWidthMm, double PixelHeightMm);
