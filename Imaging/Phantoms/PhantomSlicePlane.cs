using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging.Phantoms;

/// <summary>Where one phantom slice lies: its first pixel and its row/column directions (LPS).</summary>
public readonly record struct PhantomSlicePlane(Vector3d Position, Vector3d RowDirection, Vector3d ColumnDirection)
{
    /// <summary>Row direction +L; column direction +P turned by the tilt about the L axis toward −S (PS3.3 C.7.6.2.1.1).</summary>
    public static PhantomSlicePlane Of(PhantomSpec spec, double tablePositionMm)
    {
        var tilt = spec.TiltDegrees * Math.PI / 180;
        var row = new Vector3d(1, 0, 0);
        var column = new Vector3d(0, Math.Cos(tilt), -Math.Sin(tilt));
        var centre = new Vector3d(0, 0, tablePositionMm);
        var first = centre - row * ((spec.Columns - 1) / 2.0 * spec.ColumnSpacingMm) - column * ((spec.Rows - 1) / 2.0 * spec.RowSpacingMm);
        return new PhantomSlicePlane(first, row, column);
    }

    public Vector3d PixelPosition(PhantomSpec spec, int column, int row) =>
        Position + RowDirection * (column * spec.ColumnSpacingMm) + ColumnDirection * (row * spec.RowSpacingMm);
}
