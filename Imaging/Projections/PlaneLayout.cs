namespace HeadCt.Imaging.Projections;

/// <summary>
/// Radiological display conventions as patient axes of the image (0 = L, 1 = P, 2 = S in LPS):
/// axial — patient right on image left (column toward L), anterior up (row toward P);
/// coronal — right on image left, superior up (row toward I);
/// sagittal — anterior on image left (column toward P), superior up.
/// </summary>
internal readonly record struct PlaneLayout(int HorizontalAxis, int VerticalAxis, bool VerticalReversed, int DepthAxis)
{
    public static PlaneLayout Of(AnatomicalPlane plane) => plane switch
    {
        AnatomicalPlane.Axial => new PlaneLayout(0, 1, false, 2),
        AnatomicalPlane.Coronal => new PlaneLayout(0, 2, true, 1),
        AnatomicalPlane.Sagittal => new PlaneLayout(1, 2, true, 0),
        _ => throw new ArgumentOutOfRangeException(nameof(plane)),
    };
}
