using Microsoft.Extensions.Logging;

namespace HeadCt.AppHost.LocalServices.Azurite;

/// <summary>Azurite, pinned by <c>AppHost/azurite/package-lock.json</c>, installed with npm on first use.</summary>
internal static class AzuriteInstaller
{
    public static string EntryPoint(string packageDirectory) =>
        Path.Combine(packageDirectory, "node_modules", "azurite", "dist", "src", "azurite.js");

    public static Task EnsureInstalledAsync(string packageDirectory, ILogger logger, CancellationToken cancellationToken)
    {
        if (ExecutableLocator.FindOnPath("node") is null)
        {
            throw new InvalidOperationException(
                "Azurite needs Node.js (20 or newer) on PATH. Install Node.js and npm, " +
                "or run with a container runtime (LocalServices:Mode=containers).");
        }

        return NpmPackageInstaller.EnsureInstalledAsync(
            "Azurite", packageDirectory, EntryPoint(packageDirectory), logger, cancellationToken);
    }
}
