namespace HeadCt.Dicom.Bench;

/// <summary>Finds the shared DICOM corpus: <c>../shared/dicom-corpus</c> next to the folder holding Aspire.sln.</summary>
internal static class CorpusLocator
{
    public static string Root { get; } = Locate();

    /// <summary>The files of one corpus folder, sorted by name so every run measures the same order.</summary>
    public static string[] FilesIn(string relativeFolder)
    {
        var files = Directory.GetFiles(Path.Combine(Root, relativeFolder));
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    /// <summary>The folder holding Aspire.sln above this program.</summary>
    public static string RepositoryRoot()
    {
        // BenchmarkDotNet runs each benchmark from a generated project under bin/, so walk up from there.
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Aspire.sln")))
                return directory.FullName;
        }
        throw new DirectoryNotFoundException("no Aspire.sln above " + AppContext.BaseDirectory + "; set DICOM_CORPUS");
    }

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("DICOM_CORPUS");
        return !string.IsNullOrEmpty(fromEnvironment)
            ? fromEnvironment
            : Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "dicom-corpus"));
    }
}
