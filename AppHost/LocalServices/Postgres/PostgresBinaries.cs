namespace HeadCt.AppHost.LocalServices.Postgres;

/// <summary>Where the PostgreSQL server programs are: on PATH, else Debian's /usr/lib/postgresql/N/bin (newest N).</summary>
internal static class PostgresBinaries
{
    private const string DebianRoot = "/usr/lib/postgresql";

    public static string? FindBinDirectory()
    {
        if (ExecutableLocator.FindOnPath("postgres") is { } onPath && File.Exists(Path.Combine(Path.GetDirectoryName(onPath)!, "initdb")))
        {
            return Path.GetDirectoryName(onPath);
        }

        if (!Directory.Exists(DebianRoot))
        {
            return null;
        }

        return Directory.GetDirectories(DebianRoot)
            .Select(directory => (Directory: directory, Version: int.TryParse(Path.GetFileName(directory), out var version) ? version : -1))
            .Where(candidate => candidate.Version > 0 && File.Exists(Path.Combine(candidate.Directory, "bin", "postgres")))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => Path.Combine(candidate.Directory, "bin"))
            .FirstOrDefault();
    }
}
