using System.Buffers;
using HeadCt.Imaging.Projections;
using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging.Rendering;

/// <summary>Volume → plane or slab in display orientation → square pixels → window → PNG.</summary>
public static class ProjectionRenderer
{
    public static RenderedImage Render(CtVolume volume, ProjectionRequest request) =>
        Encode(request.Key, SlabProjector.Project(volume, request.Plane, request.Mode, request.SlabMm), request.Window);

    /// <summary>
    /// Every request, in order. Requests that differ only in window share one slab: it is projected and resampled
    /// once and windowed per request. Slabs run in parallel over the cores.
    /// </summary>
    public static RenderedImage[] RenderAll(CtVolume volume, IReadOnlyList<ProjectionRequest> requests)
    {
        var images = new RenderedImage[requests.Count];
        var slabs = Enumerable.Range(0, requests.Count)
            .GroupBy(i => (requests[i].Plane, requests[i].Mode, requests[i].Mode == ProjectionMode.Plane ? 0 : requests[i].SlabMm))
            .ToArray();
        Parallel.ForEach(slabs, slab =>
        {
            var (plane, mode, slabMm) = slab.Key;
            var square = SquarePixelResampler.Resample(SlabProjector.Project(volume, plane, mode, slabMm));
            foreach (var i in slab)
                images[i] = EncodeSquare(requests[i].Key, square, requests[i].Window);
        });
        return images;
    }

    /// <summary>One axial plane by index for a viewer: 0 is the most inferior plane (patient-aligned order, not file order).</summary>
    public static RenderedImage RenderAxialSlice(CtVolume volume, int index, Window window) =>
        Encode($"axial-{index}-{window.Name}", SlabProjector.Project(volume, AnatomicalPlane.Axial, ProjectionMode.Plane, 0, index), window);

    /// <summary>The size and square pixel size <see cref="Render"/> gives <paramref name="plane"/>, without rendering.</summary>
    public static (int Width, int Height, double PixelSizeMm) SizeOf(CtVolume volume, AnatomicalPlane plane)
    {
        var (width, height, pixelWidthMm, pixelHeightMm) = SlabProjector.ShapeOf(volume, plane);
        return SquarePixelResampler.SquareShape(width, height, pixelWidthMm, pixelHeightMm);
    }

    public static int AxialSliceCount(CtVolume volume) => SlabProjector.DepthOf(volume, AnatomicalPlane.Axial);

    public static RenderedImage Encode(string key, PlaneImage image, Window window) =>
        EncodeSquare(key, SquarePixelResampler.Resample(image), window);

    private static RenderedImage EncodeSquare(string key, PlaneImage square, Window window)
    {
        var length = square.Width * square.Height;
        var grey = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            WindowLevel.Apply(square.Pixels, window, grey.AsSpan(0, length));
            return new RenderedImage(key, PngEncoder.EncodeGrey(grey.AsSpan(0, length), square.Width, square.Height), square.Width, square.Height, square.PixelWidthMm);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(grey);
        }
    }
}
