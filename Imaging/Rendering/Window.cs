namespace HeadCt.Imaging.Rendering;

/// <summary>A display window in HU: centre and width.</summary>
public sealed record Window(string Name, double Center, double Width)
{
    public static Window Brain { get; } = new("brain", 40, 80);
    public static Window Subdural { get; } = new("subdural", 75, 215);
    public static Window Stroke { get; } = new("stroke", 40, 40);
    public static Window Bone { get; } = new("bone", 600, 2800);

    public static IReadOnlyList<Window> Presets { get; } = [Brain, Subdural, Stroke, Bone];

    public static Window Custom(double center, double width) =>
        width >= 1 ? new Window("custom", center, width) : throw new ArgumentOutOfRangeException(nameof(width), "A window is at least 1 HU wide");

    /// <summary>A preset by name (case-insensitive), or null.</summary>
    public static Window? Find(string name)
    {
        foreach (var preset in Presets)
        {
            if (string.Equals(preset.Name, name, StringComparison.OrdinalIgnoreCase))
                return preset;
        }
        return null;
    }
}
