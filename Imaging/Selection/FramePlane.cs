using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging.Selection;

/// <summary>The plane and value transform of one frame: Image Plane (PS3.3 C.7.6.2) and Modality LUT (C.11.1) attributes.</summary>
public sealed record FramePlane(
    int FrameIndex,
    Vector3d? Position,
    double[]? Orientation,
    double[]? PixelSpacing,
    double RescaleSlope,
    double RescaleIntercept)
{
    public bool HasGeometry => Position is not null && Orientation is { Length: >= 6 } && PixelSpacing is { Length: >= 2 };

    public Vector3d RowDirection => Vector3d.From(Orientation!, 0);
    public Vector3d ColumnDirection => Vector3d.From(Orientation!, 3);

    /// <summary>The slice normal, row × column cosines (PS3.3 C.7.6.2.1.1).</summary>
    public Vector3d Normal => RowDirection.Cross(ColumnDirection).Normalized();
}
