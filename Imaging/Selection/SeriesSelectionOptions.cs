namespace HeadCt.Imaging.Selection;

/// <summary>The rules that pick the series to analyse from a study.</summary>
public sealed record SeriesSelectionOptions
{
    public static SeriesSelectionOptions Default { get; } = new();

    public IReadOnlyList<string> Modalities { get; init; } = ["CT"];

    /// <summary>Image Type values (PS3.3 C.7.6.1.1.2) a preferred series carries; a series lacking one is chosen only when no series has them all.</summary>
    public IReadOnlyList<string> PreferredImageType { get; init; } = ["ORIGINAL", "PRIMARY", "AXIAL"];

    /// <summary>When true a series without the preferred Image Type is skipped instead of ranked lower.</summary>
    public bool RequirePreferredImageType { get; init; }

    /// <summary>Image Type values that mark a projection radiograph of the scanner rather than a cross-section.</summary>
    public IReadOnlyList<string> LocalizerImageTypes { get; init; } = ["LOCALIZER", "SCOUT", "TOPOGRAM", "SCANOGRAM"];

    /// <summary>Orientation cosines closer than this are the same orientation.</summary>
    public double OrientationTolerance { get; init; } = 1e-3;
}
