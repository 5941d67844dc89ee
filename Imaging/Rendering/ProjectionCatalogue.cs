using HeadCt.Imaging.Projections;

namespace HeadCt.Imaging.Rendering;

/// <summary>The set of images to render once per study so the API can serve any of them without recomputing.</summary>
public static class ProjectionCatalogue
{
    /// <summary>Every plane × window preset, as centre plane and as MIP, MinIP and mean slabs of <paramref name="slabMm"/>.</summary>
    public static IReadOnlyList<ProjectionRequest> All(double slabMm = 10)
    {
        var requests = new List<ProjectionRequest>();
        foreach (var plane in Enum.GetValues<AnatomicalPlane>())
        {
            foreach (var window in Window.Presets)
            {
                requests.Add(ProjectionRequest.CentrePlane(plane, window));
                foreach (var mode in (ReadOnlySpan<ProjectionMode>)[ProjectionMode.Mip, ProjectionMode.MinIp, ProjectionMode.Mean])
                    requests.Add(new ProjectionRequest(plane, mode, slabMm, window));
            }
        }
        return requests;
    }
}
