using HeadCt.Imaging.Projections;

namespace HeadCt.Imaging.Rendering;

/// <summary>One image to render: plane, mode, slab thickness (mm) and window.</summary>
public sealed record ProjectionRequest(AnatomicalPlane Plane, ProjectionMode Mode, double SlabMm, Window Window)
{
    public static ProjectionRequest CentrePlane(AnatomicalPlane plane, Window? window = null) =>
        new(plane, ProjectionMode.Plane, 0, window ?? Window.Brain);

    /// <summary>A stable name for storage and URLs, e.g. <c>coronal-mip-10mm-brain</c>.</summary>
    public string Key => Mode == ProjectionMode.Plane
        ? $"{Plane}-{Window.Name}".ToLowerInvariant()
        : $"{Plane}-{Mode}-{SlabMm:0.#}mm-{Window.Name}".ToLowerInvariant();
}
