using System.Buffers;
using HeadCt.Imaging.Projections;
using HeadCt.Imaging.Rendering;
using HeadCt.Imaging.Volume;
using HeadCt.Inference.Attention;
using HeadCt.Services.Common.Results;

namespace HeadCt.Processor.Attention;

/// <summary>
/// Draws a model's attention (on the volume grid) in the viewer's axial slices: per slice a small RGBA heat map
/// covering the slice's field of view, for a viewer to stack over the slice image, and for the key slices the brain
/// window with the heat map blended in. Attention is scaled to the study's peak, so colours compare across slices.
/// </summary>
public sealed class AttentionRenderer
{
    /// <summary>The longer side of a heat map; the attention is far smoother than that.</summary>
    public const int HeatmapMaxSide = 128;

    private readonly CtVolume _volume;
    private readonly CtVolume _attention;
    private readonly float _peak;

    public AttentionRenderer(CtVolume volume, AttentionMap map)
    {
        _volume = volume;
        _attention = new CtVolume(map.Values, volume.Geometry);
        _peak = map.Peak?.Value ?? 0f;
        SliceCount = ProjectionRenderer.AxialSliceCount(volume);
    }

    public int SliceCount { get; }

    public long Bytes => (long)_attention.Voxels.Length * sizeof(float);

    /// <summary>The strongest attention of each viewer slice.</summary>
    public float[] SliceMaxima()
    {
        var maxima = new float[SliceCount];
        for (var index = 0; index < maxima.Length; index++)
        {
            maxima[index] = Max(SlabProjector.Project(_attention, AnatomicalPlane.Axial, ProjectionMode.Plane, 0, index).Pixels);
        }

        return maxima;
    }

    /// <summary>The CT volume's grid, which the attention shares.</summary>
    public VolumeGeometry Geometry => _volume.Geometry;

    /// <summary>
    /// The attention on the CT grid for a viewer to fuse over the CT: per voxel 0–255 of the study's peak, x fastest,
    /// then y, then z (the order of <see cref="VolumeGeometry"/>).
    /// </summary>
    public byte[] VolumeBytes()
    {
        var values = _attention.Voxels;
        var bytes = new byte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            bytes[i] = (byte)Math.Clamp(MathF.Round(Relative(values[i]) * 255), 0, 255);
        }

        return bytes;
    }

    /// <summary>The heat map PNG of a viewer slice.</summary>
    public byte[] Heatmap(int index)
    {
        var plane = SlabProjector.Project(_attention, AnatomicalPlane.Axial, ProjectionMode.Plane, 0, index);
        var (width, height) = HeatmapSize(plane);
        var heat = PlaneSampler.Resample(plane, width, height);
        var rgba = ArrayPool<byte>.Shared.Rent(width * height * 4);
        try
        {
            for (var i = 0; i < heat.Length; i++)
            {
                HeatColourMap.Write(Relative(heat[i]), rgba.AsSpan(i * 4, 4));
            }

            return PngEncoder.EncodeRgba(rgba.AsSpan(0, width * height * 4), width, height);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rgba);
        }
    }

    /// <summary>The slice in the brain window, at the viewer's size, with the heat map blended in.</summary>
    public byte[] Overlay(int index)
    {
        var (rgba, width, height) = OverlayPixels(index);
        return PngEncoder.EncodeRgba(rgba, width, height);
    }

    /// <summary>The pixels of <see cref="Overlay"/>: RGBA, opaque, row by row.</summary>
    public (byte[] Rgba, int Width, int Height) OverlayPixels(int index)
    {
        var slice = SlabProjector.Project(_volume, AnatomicalPlane.Axial, ProjectionMode.Plane, 0, index);
        var (width, height) = PlaneSampler.SquareSize(slice);
        var hu = PlaneSampler.Resample(slice, width, height);
        var heat = PlaneSampler.Resample(SlabProjector.Project(_attention, AnatomicalPlane.Axial, ProjectionMode.Plane, 0, index), width, height);
        var grey = new byte[width * height];
        WindowLevel.Apply(hu, Window.Brain, grey);
        var rgba = new byte[width * height * 4];
        Span<byte> colour = stackalloc byte[4];
        for (var i = 0; i < grey.Length; i++)
        {
            HeatColourMap.Write(Relative(heat[i]), colour);
            var alpha = colour[3] / 255f;
            for (var c = 0; c < 3; c++)
            {
                rgba[i * 4 + c] = (byte)MathF.Round(grey[i] * (1 - alpha) + colour[c] * alpha);
            }

            rgba[i * 4 + 3] = 255;
        }

        return (rgba, width, height);
    }

    /// <summary>The attention on the volume's own grid (the values the heat maps are drawn from).</summary>
    public CtVolume AttentionVolume => _attention;

    /// <summary>A point of viewer slice <paramref name="index"/> in LPS mm and the volume axis across it, or null.</summary>
    public (double[] Point, double[] Normal)? SlicePosition(int index)
    {
        var g = _volume.Geometry;
        for (var z = 0; z < g.SizeZ; z++)
        {
            // An axially acquired volume: its slices are the viewer's axial planes. Other acquisitions have no one source slice.
            if (SlabProjector.PlaneCoordinatesOf(_volume, AnatomicalPlane.Axial, 0, 0, z).Depth == index
                && (g.SizeZ == 1 || SlabProjector.PlaneCoordinatesOf(_volume, AnatomicalPlane.Axial, 0, 0, z == 0 ? 1 : z - 1).Depth != index))
            {
                var p = g.PatientPosition(0, 0, z);
                return ([p.X, p.Y, p.Z], [g.SliceDirection.X, g.SliceDirection.Y, g.SliceDirection.Z]);
            }
        }

        return null;
    }

    /// <summary>The attention peak as the viewer sees it: slice index and pixel of the stored slice PNG.</summary>
    public PeakRecord? Peak(AttentionPeak? peak)
    {
        if (peak is null)
        {
            return null;
        }

        var (column, row, depth) = SlabProjector.PlaneCoordinatesOf(_volume, AnatomicalPlane.Axial, peak.X, peak.Y, peak.Z);
        var plane = SlabProjector.Project(_volume, AnatomicalPlane.Axial, ProjectionMode.Plane, 0, depth);
        var (width, height) = PlaneSampler.SquareSize(plane);
        var (pngColumn, pngRow) = PlaneSampler.Map(plane, column, row, width, height);
        return new PeakRecord(depth, pngColumn, pngRow, [peak.PatientMm.X, peak.PatientMm.Y, peak.PatientMm.Z], peak.Value);
    }

    private static (int Width, int Height) HeatmapSize(PlaneImage plane)
    {
        var (width, height) = PlaneSampler.SquareSize(plane);
        var scale = Math.Min(1.0, (double)HeatmapMaxSide / Math.Max(width, height));
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    private float Relative(float value) => _peak > 0 ? value / _peak : 0f;

    private static float Max(float[] values) => values.Length == 0 ? 0f : System.Numerics.Tensors.TensorPrimitives.Max(values);
}
