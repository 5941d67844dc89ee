namespace HeadCt.Dicom.Tests.Support;

/// <summary>Locates the shared real-file corpus: ../shared/dicom-corpus next to the repository root (the folder holding Aspire.sln).</summary>
public static class CorpusFiles
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public static DicomFile Read(string relativePath, DicomReadOptions? options = null) =>
        DicomReader.ReadFile(PathOf(relativePath), options);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Aspire.sln")))
            {
                var corpus = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "dicom-corpus"));
                if (File.Exists(Path.Combine(corpus, "MANIFEST.tsv")))
                    return corpus;
                throw new InvalidOperationException($"No corpus at {corpus}");
            }
        }
        throw new InvalidOperationException("Aspire.sln not found above " + AppContext.BaseDirectory);
    }
}
