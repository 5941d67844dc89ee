namespace HeadCt.Dicom.Fuzz;

/// <summary>Loads the seed inputs of a directory (recursively), in a stable order so that runs are reproducible.</summary>
internal static class SeedCorpus
{
    private const long MaxSeedBytes = 8 * 1024 * 1024;

    public static List<(string Name, byte[] Bytes)> Load(string directory)
    {
        var paths = Directory.GetFiles(directory, "*", SearchOption.AllDirectories);
        Array.Sort(paths, StringComparer.Ordinal);
        var seeds = new List<(string, byte[])>(paths.Length);
        foreach (var path in paths)
        {
            if (new FileInfo(path).Length <= MaxSeedBytes)
                seeds.Add((Path.GetRelativePath(directory, path), File.ReadAllBytes(path)));
        }
        return seeds;
    }
}
