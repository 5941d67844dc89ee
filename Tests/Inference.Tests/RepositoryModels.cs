namespace HeadCt.Inference.Tests;

/// <summary>The committed models folder, found by walking up from the test binaries to the folder holding Aspire.sln.</summary>
internal static class RepositoryModels
{
    public const string DemonstratorManifest = "hemorrhage-phantom-cnn.manifest.json";

    public static string Folder { get; } = Path.Combine(FindRoot(), "models");

    public static string ManifestPath => Path.Combine(Folder, DemonstratorManifest);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aspire.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Aspire.sln not found above " + AppContext.BaseDirectory);
    }
}
