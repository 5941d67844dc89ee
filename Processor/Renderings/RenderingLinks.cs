using System.Globalization;
using HeadCt.Imaging.Projections;
using HeadCt.Imaging.Rendering;

namespace HeadCt.Processor.Renderings;

/// <summary>The public URLs of rendered images (the gateway serves the same paths).</summary>
public static class RenderingLinks
{
    public static string Projection(string studyId, ProjectionRequest request) =>
        request.Mode == ProjectionMode.Plane
            ? $"/projections/{studyId}/{Name(request.Plane)}.png?window={request.Window.Name}&mode=plane"
            : $"/projections/{studyId}/{Name(request.Plane)}.png?window={request.Window.Name}&mode={Name(request.Mode)}&slab={request.SlabMm.ToString("0.#", CultureInfo.InvariantCulture)}";

    public static string SliceTemplate(string studyId) => $"/studies/{studyId}/slices/{{index}}.png?window={{window}}";

    public static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
