using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging.Phantoms;

/// <summary>
/// A synthetic axial head CT: an ellipsoid of brain-like tissue in air, plus markers. Slice k is centred on the table
/// position (0, 0, z_k); a gantry tilt turns the slice plane about the patient's left–right axis, so its normal leans
/// away from the table direction by <see cref="TiltDegrees"/>, as in a real tilted acquisition.
/// </summary>
public sealed record PhantomSpec
{
    public int Columns { get; init; } = 64;
    public int Rows { get; init; } = 64;

    /// <summary>Pixel Spacing: between rows, then between columns (PS3.3 C.7.6.2.1.1).</summary>
    public double RowSpacingMm { get; init; } = 1;
    public double ColumnSpacingMm { get; init; } = 1;

    public int SliceCount { get; init; } = 20;
    public double SliceSpacingMm { get; init; } = 2.5;
    public double FirstTablePositionMm { get; init; } = -20;

    /// <summary>Explicit table positions (mm); overrides <see cref="SliceCount"/>, <see cref="SliceSpacingMm"/> and <see cref="FirstTablePositionMm"/>.</summary>
    public IReadOnlyList<double>? TablePositionsMm { get; init; }

    public double TiltDegrees { get; init; }

    /// <summary>Slice indices that are not written (a lost slice).</summary>
    public IReadOnlySet<int> MissingSlices { get; init; } = new HashSet<int>();

    public IReadOnlyList<PhantomMarker> Markers { get; init; } = [];

    /// <summary>Semi-axes of the head ellipsoid along L, P, S (mm); centred on the patient origin.</summary>
    public Vector3d HeadSemiAxesMm { get; init; } = new(25, 28, 40);

    public double HeadHu { get; init; } = 35;

    /// <summary>When set, air outside the head is stored as this Pixel Padding Value instead of −1000 HU.</summary>
    public int? PixelPaddingValue { get; init; }

    /// <summary>One enhanced CT file with per-frame positions instead of one file per slice.</summary>
    public bool MultiFrame { get; init; }

    public string SeriesDescription { get; init; } = "Phantom head";

    /// <summary>Image Type of single-frame slices; LOCALIZER makes a scout-like series for selection tests.</summary>
    public IReadOnlyList<string> ImageType { get; init; } = ["ORIGINAL", "PRIMARY", "AXIAL"];

    public IReadOnlyList<double> TablePositions()
    {
        if (TablePositionsMm is { } explicitPositions)
            return explicitPositions;
        var positions = new double[SliceCount];
        for (var k = 0; k < SliceCount; k++)
            positions[k] = FirstTablePositionMm + k * SliceSpacingMm;
        return positions;
    }
}
