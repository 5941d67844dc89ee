namespace HeadCt.Dicom.Tests.Support;

/// <summary>The corpus MANIFEST.tsv: one row per file, columns by header name.</summary>
public static class Manifest
{
    private static readonly Lazy<IReadOnlyList<IReadOnlyDictionary<string, string>>> AllRows = new(Load);

    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Rows => AllRows.Value;

    public static IReadOnlyDictionary<string, string> Row(string path) =>
        Rows.Single(row => row["path"] == path);

    private static IReadOnlyList<IReadOnlyDictionary<string, string>> Load()
    {
        var lines = File.ReadAllLines(CorpusFiles.PathOf("MANIFEST.tsv"));
        var names = lines[0].Split('\t');
        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0)
                continue;
            var cells = line.Split('\t');
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < names.Length; i++)
                row[names[i]] = i < cells.Length ? cells[i] : "";
            rows.Add(row);
        }
        return rows;
    }
}
