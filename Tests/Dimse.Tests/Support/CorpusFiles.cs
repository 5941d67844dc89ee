namespace HeadCt.Dimse.Tests.Support;

/// <summary>The shared corpus (../shared/dicom-corpus beside the repository root).</summary>
public static class CorpusFiles
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public static IReadOnlyList<string> Series(string name) =>
        Directory.GetFiles(PathOf(Path.Combine("series", name)), "*.dcm").Order(StringComparer.Ordinal).ToList();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Aspire.sln")))
            {
                var corpus = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "dicom-corpus"));
                return File.Exists(Path.Combine(corpus, "MANIFEST.tsv")) ? corpus : throw new InvalidOperationException($"No corpus at {corpus}");
            }
        }

        throw new InvalidOperationException("Aspire.sln not found above " + AppContext.BaseDirectory);
    }
}
