using HeadCt.Imaging.Projections;
using HeadCt.Imaging.Rendering;
using HeadCt.Imaging.Selection;
using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging;

/// <summary>Everything <see cref="StudyImaging"/> needs to know: selection rules, volume tolerances and which images to render.</summary>
public sealed record ImagingOptions
{
    public static ImagingOptions Default { get; } = new();

    public SeriesSelectionOptions Selection { get; init; } = SeriesSelectionOptions.Default;
    public VolumeOptions Volume { get; init; } = VolumeOptions.Default;

    /// <summary>Defaults to the original's three centre planes in the brain window.</summary>
    public IReadOnlyList<ProjectionRequest> Projections { get; init; } =
    [
        ProjectionRequest.CentrePlane(AnatomicalPlane.Axial),
        ProjectionRequest.CentrePlane(AnatomicalPlane.Coronal),
        ProjectionRequest.CentrePlane(AnatomicalPlane.Sagittal),
    ];
}
