using HeadCt.Imaging.Selection;
using HeadCt.Imaging.Volume;

namespace HeadCt.Processor.Pipeline.Volumes;

/// <summary>
/// The imaging part of a result document: which series became the volume and why, what the volume builder found
/// and did (instances of the series whose pixels could not be decoded: <c>report.skippedInstances</c>), where the
/// volume sits in the patient, the images that can be drawn from it, and the stored instances whose header could not
/// be read at all (<see cref="UnreadableInstances"/>; <c>file</c> is the instance's blob, the n-th accepted file).
/// </summary>
public sealed record ImagingRecord(
    SeriesDecisionRecord Decision,
    VolumeReport? Report,
    GeometryRecord? Geometry,
    ViewerSlicesRecord? Slices,
    IReadOnlyList<ProjectionRecord> Projections)
{
    public IReadOnlyList<SkippedInstance> UnreadableInstances { get; init; } = [];
}

public sealed record SeriesDecisionRecord(
    string? SeriesInstanceUid, string? SeriesDescription, string Reason, IReadOnlyList<SkippedSeries> Skipped)
{
    public static SeriesDecisionRecord From(SeriesDecision decision) =>
        new(decision.SeriesInstanceUid, decision.SeriesDescription, decision.Reason, decision.Skipped);
}

/// <summary>
/// Voxel (i, j, k) lies at Origin + i·SpacingX·RowDirection + j·SpacingY·ColumnDirection + k·SpacingZ·SliceDirection,
/// in LPS millimetres (PS3.3 C.7.6.2.1.1); <see cref="Affine"/> is that map as a row-major 4×4 matrix.
/// </summary>
public sealed record GeometryRecord(
    int SizeX,
    int SizeY,
    int SizeZ,
    double SpacingX,
    double SpacingY,
    double SpacingZ,
    double[] Origin,
    double[] RowDirection,
    double[] ColumnDirection,
    double[] SliceDirection,
    double[] Affine)
{
    public static GeometryRecord From(VolumeGeometry geometry) => new(
        geometry.SizeX, geometry.SizeY, geometry.SizeZ,
        geometry.SpacingX, geometry.SpacingY, geometry.SpacingZ,
        Array(geometry.Origin), Array(geometry.RowDirection), Array(geometry.ColumnDirection), Array(geometry.SliceDirection),
        geometry.Affine);

    /// <summary>The same voxel grid in the same place (sizes and the voxel-to-patient map).</summary>
    public bool SameAs(GeometryRecord other) =>
        (SizeX, SizeY, SizeZ) == (other.SizeX, other.SizeY, other.SizeZ) && Affine.AsSpan().SequenceEqual(other.Affine);

    private static double[] Array(Vector3d vector) => [vector.X, vector.Y, vector.Z];
}

/// <summary>The axial planes a viewer can ask for: <c>GET /studies/{id}/slices/{index}.png?window=…</c>.</summary>
public sealed record ViewerSlicesRecord(int Count, string Order, IReadOnlyList<string> Windows, string Link);

/// <summary>One projection of the catalogue, its size, and the public link that serves it.</summary>
public sealed record ProjectionRecord(
    string Key, string Plane, string Mode, double SlabMm, string Window, int Width, int Height, double PixelSizeMm, string Link);
