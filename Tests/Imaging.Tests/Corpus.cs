namespace HeadCt.Imaging.Tests;

/// <summary>Finds the shared corpus: the folder holding Aspire.sln, then ../shared/dicom-corpus.</summary>
internal static class Corpus
{
    public const string GeTilted = "series/ct_head_ge_hispeed_gantry_tilt";
    public const string ToshibaTilted = "series/ct_head_toshiba_aquilion_axial_brain";
    public const string ThreeSlices = "series/ct_3slice_implicit_dcmqi";
    public const string MrBrain = "series/mr_brain_ge_pd_axial";

    public static string RepositoryRoot { get; } = FindRoot();

    public static string Root => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "dicom-corpus"));

    public static string[] SeriesFiles(string series)
    {
        var files = Directory.GetFiles(Path.Combine(Root, series));
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aspire.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("No Aspire.sln above " + AppContext.BaseDirectory);
    }
}
