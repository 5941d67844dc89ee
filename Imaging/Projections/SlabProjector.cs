using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging.Projections;

/// <summary>Cuts a plane or a slab out of the volume in display orientation, reducing the slab by max, min or mean.</summary>
public static class SlabProjector
{
    /// <param name="slabMm">Slab thickness; at least one plane is always used. Ignored for <see cref="ProjectionMode.Plane"/>.</param>
    /// <param name="depthIndex">Centre plane along the depth axis (patient-aligned index); null means the volume centre.</param>
    public static PlaneImage Project(CtVolume volume, AnatomicalPlane plane, ProjectionMode mode = ProjectionMode.Plane, double slabMm = 0, int? depthIndex = null)
    {
        var view = PatientAlignedView.Of(volume);
        var layout = PlaneLayout.Of(plane);
        var (h, v, d) = (view.Axes[layout.HorizontalAxis], view.Axes[layout.VerticalAxis], view.Axes[layout.DepthAxis]);
        var centre = depthIndex ?? d.Size / 2;
        if (centre < 0 || centre >= d.Size)
            throw new ArgumentOutOfRangeException(nameof(depthIndex), $"The {plane} depth has {d.Size} planes");
        var count = mode == ProjectionMode.Plane ? 1 : Math.Max(1, (int)Math.Round(slabMm / d.Spacing));
        var first = Math.Clamp(centre - count / 2, 0, d.Size - 1);
        count = Math.Min(count, d.Size - first);

        var pixels = new float[h.Size * v.Size];
        var voxels = view.Voxels;
        for (var row = 0; row < v.Size; row++)
        {
            var vIndex = layout.VerticalReversed ? v.Size - 1 - row : row;
            var rowOrigin = view.Origin + vIndex * v.Stride + first * d.Stride;
            for (var column = 0; column < h.Size; column++)
            {
                var offset = rowOrigin + column * h.Stride;
                pixels[row * h.Size + column] = Reduce(voxels, offset, d.Stride, count, mode);
            }
        }
        return new PlaneImage(pixels, h.Size, v.Size, h.Spacing, v.Spacing);
    }

    /// <summary>Size and pixel spacing of what <see cref="Project"/> returns for <paramref name="plane"/>, without projecting.</summary>
    public static (int Width, int Height, double PixelWidthMm, double PixelHeightMm) ShapeOf(CtVolume volume, AnatomicalPlane plane)
    {
        var view = PatientAlignedView.Of(volume);
        var layout = PlaneLayout.Of(plane);
        var (h, v) = (view.Axes[layout.HorizontalAxis], view.Axes[layout.VerticalAxis]);
        return (h.Size, v.Size, h.Spacing, v.Spacing);
    }

    /// <summary>Number of planes along the depth of <paramref name="plane"/> (the range of a viewer's slice index).</summary>
    public static int DepthOf(CtVolume volume, AnatomicalPlane plane) =>
        PatientAlignedView.Of(volume).Axes[PlaneLayout.Of(plane).DepthAxis].Size;

    /// <summary>
    /// Where voxel (x, y, z) appears in <paramref name="plane"/>: column and row of the <see cref="PlaneImage"/> that
    /// <see cref="Project"/> returns (before square-pixel resampling) and the depth index (a viewer's slice index).
    /// </summary>
    public static (int Column, int Row, int Depth) PlaneCoordinatesOf(CtVolume volume, AnatomicalPlane plane, int x, int y, int z)
    {
        var view = PatientAlignedView.Of(volume);
        var layout = PlaneLayout.Of(plane);
        var row = view.IndexAlong(layout.VerticalAxis, x, y, z);
        if (layout.VerticalReversed)
            row = view.Axes[layout.VerticalAxis].Size - 1 - row;
        return (view.IndexAlong(layout.HorizontalAxis, x, y, z), row, view.IndexAlong(layout.DepthAxis, x, y, z));
    }

    private static float Reduce(float[] voxels, long offset, long stride, int count, ProjectionMode mode)
    {
        var value = voxels[offset];
        if (count == 1)
            return value;
        var sum = value;
        for (var i = 1; i < count; i++)
        {
            var next = voxels[offset + i * stride];
            switch (mode)
            {
                case ProjectionMode.Mip: value = Math.Max(value, next); break;
                case ProjectionMode.MinIp: value = Math.Min(value, next); break;
                default: sum += next; break;
            }
        }
        return mode == ProjectionMode.Mean ? sum / count : value;
    }
}
