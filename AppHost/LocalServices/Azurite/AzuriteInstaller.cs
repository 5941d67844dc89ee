using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace HeadCt.AppHost.LocalServices.Azurite;

/// <summary>
/// Installs the Azurite version pinned by <c>AppHost/azurite/package-lock.json</c> with <c>npm ci</c>
/// into the git-ignored <c>node_modules</c> when it is not there yet.
/// </summary>
internal static class AzuriteInstaller
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    public static string EntryPoint(string packageDirectory) =>
        Path.Combine(packageDirectory, "node_modules", "azurite", "dist", "src", "azurite.js");

    public static async Task EnsureInstalledAsync(string packageDirectory, ILogger logger, CancellationToken cancellationToken)
    {
        if (File.Exists(EntryPoint(packageDirectory)))
        {
            return;
        }

        // Test collections start AppHosts in parallel; only one of them may run npm ci in the folder.
        await using var installLock = await AcquireLockAsync(packageDirectory, cancellationToken);
        if (File.Exists(EntryPoint(packageDirectory)))
        {
            return;
        }

        if (ExecutableLocator.FindOnPath("node") is null)
        {
            throw new InvalidOperationException(
                "Azurite needs Node.js (20 or newer) on PATH. Install Node.js and npm, " +
                "or run with a container runtime (LocalServices:Mode=containers).");
        }

        var npm = ExecutableLocator.FindOnPath("npm") ?? throw new InvalidOperationException(
            "Azurite is not installed and npm was not found on PATH. Install npm (Node.js 20 or newer), " +
            $"or run `npm ci` in {packageDirectory} yourself, or use a container runtime (LocalServices:Mode=containers).");

        logger.LogInformation("Azurite is not installed; running `npm ci` in {PackageDirectory}", packageDirectory);
        var exitCode = await RunNpmCiAsync(npm, packageDirectory, logger, cancellationToken);
        if (exitCode != 0 || !File.Exists(EntryPoint(packageDirectory)))
        {
            throw new InvalidOperationException(
                $"`npm ci` in {packageDirectory} failed with exit code {exitCode}; see the log lines above.");
        }

        logger.LogInformation("Azurite installed into {PackageDirectory}", packageDirectory);
    }

    private static async Task<int> RunNpmCiAsync(
        string npm, string packageDirectory, ILogger logger, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(npm, ["ci", "--no-audit", "--no-fund", "--omit=dev"])
        {
            WorkingDirectory = packageDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {npm}.");
        process.OutputDataReceived += (_, line) => LogLine(logger, line.Data);
        process.ErrorDataReceived += (_, line) => LogLine(logger, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InstallTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode;
    }

    private static void LogLine(ILogger logger, string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            logger.LogInformation("npm: {Line}", line);
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string packageDirectory, CancellationToken cancellationToken)
    {
        var pathHash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(packageDirectory)))[..16];
        var lockPath = Path.Combine(Path.GetTempPath(), $"headct-azurite-install-{pathHash}.lock");
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
