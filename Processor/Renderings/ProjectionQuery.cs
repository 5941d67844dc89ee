using System.Globalization;
using HeadCt.Imaging.Projections;
using HeadCt.Imaging.Rendering;

namespace HeadCt.Processor.Renderings;

/// <summary>
/// Parses <c>{plane}.png?window=&amp;mode=&amp;slab=</c> into one of the catalogue's requests; anything outside the
/// catalogue is refused with the allowed values, since only the catalogue is rendered.
/// </summary>
public static class ProjectionQuery
{
    public const string DefaultWindow = "brain";

    public static string[] Planes => [.. Enum.GetValues<AnatomicalPlane>().Select(RenderingLinks.Name)];

    public static string[] Modes => [.. Enum.GetValues<ProjectionMode>().Select(RenderingLinks.Name)];

    public static string[] Windows => [.. Window.Presets.Select(window => window.Name)];

    public static bool TryParse(
        string plane, string? window, string? mode, string? slab, double slabMm, out ProjectionRequest? request, out string? error)
    {
        request = null;
        error = null;
        if (!TryEnum<AnatomicalPlane>(plane, out var parsedPlane))
        {
            error = $"Unknown plane '{plane}'; allowed: {string.Join(", ", Planes)}.";
        }
        else if (Window.Find(window ?? DefaultWindow) is not { } parsedWindow)
        {
            error = $"Unknown window '{window}'; allowed: {string.Join(", ", Windows)}.";
        }
        else if (!TryEnum<ProjectionMode>(mode ?? "plane", out var parsedMode))
        {
            error = $"Unknown mode '{mode}'; allowed: {string.Join(", ", Modes)}.";
        }
        else if (parsedMode != ProjectionMode.Plane && slab is not null &&
                 (!double.TryParse(slab, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsedSlab) || Math.Abs(parsedSlab - slabMm) > 1e-6))
        {
            error = $"Unknown slab '{slab}'; allowed: {slabMm.ToString("0.#", CultureInfo.InvariantCulture)} (mm).";
        }
        else
        {
            request = parsedMode == ProjectionMode.Plane
                ? ProjectionRequest.CentrePlane(parsedPlane, parsedWindow)
                : new ProjectionRequest(parsedPlane, parsedMode, slabMm, parsedWindow);
        }

        return request is not null;
    }

    private static bool TryEnum<T>(string value, out T parsed) where T : struct, Enum =>
        Enum.TryParse(value, ignoreCase: true, out parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _);
}
