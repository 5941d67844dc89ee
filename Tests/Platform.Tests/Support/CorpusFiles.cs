using HeadCt.Platform.Tests.Infrastructure;

namespace HeadCt.Platform.Tests.Support;

/// <summary>Files of the shared real-file corpus and their MANIFEST.tsv rows (header values read by pydicom).</summary>
public static class CorpusFiles
{
    public const string GeHeadSeries = "series/ct_head_ge_hispeed_gantry_tilt";
    public const string MrBrainSeries = "series/mr_brain_ge_pd_axial";

    private static readonly Lazy<Dictionary<string, Dictionary<string, string>>> Manifest = new(ReadManifest);

    public static string PathOf(string relativePath) => Path.Combine(RepositoryPaths.DicomCorpus, relativePath);

    public static IReadOnlyList<string> SeriesFiles(string seriesFolder) =>
        [.. Directory.GetFiles(PathOf(seriesFolder)).Order(StringComparer.Ordinal)];

    /// <summary>A MANIFEST.tsv column of a corpus file, e.g. "rows", "modality", "transfer_syntax_uid".</summary>
    public static string ManifestValue(string absolutePath, string column)
    {
        var relative = Path.GetRelativePath(RepositoryPaths.DicomCorpus, absolutePath).Replace('\\', '/');
        return Manifest.Value[relative][column];
    }

    private static Dictionary<string, Dictionary<string, string>> ReadManifest()
    {
        var lines = File.ReadAllLines(PathOf("MANIFEST.tsv"));
        var columns = lines[0].Split('\t');
        var rows = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split('\t');
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < columns.Length && i < cells.Length; i++)
            {
                row[columns[i]] = cells[i];
            }

            rows[cells[0]] = row;
        }

        return rows;
    }
}
