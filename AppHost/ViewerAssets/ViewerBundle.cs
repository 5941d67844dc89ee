using HeadCt.AppHost.LocalServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HeadCt.AppHost.ViewerAssets;

/// <summary>
/// The viewer page's script bundle (<c>Gateway/wwwroot/viewer</c>, git-ignored) built from <c>Viewer/</c> before the
/// gateway starts: <c>npm ci</c> from the lock file when the packages are missing or older than it, then
/// <c>node build.mjs</c> when the bundle is missing or older than its sources. The same way Azurite is installed.
/// </summary>
internal static class ViewerBundle
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(3);
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static IResourceBuilder<T> WithViewerBundle<T>(this IResourceBuilder<T> gateway) where T : IResource
    {
        var repository = Path.GetFullPath(Path.Combine(gateway.ApplicationBuilder.AppHostDirectory, ".."));
        gateway.ApplicationBuilder.Eventing.Subscribe<BeforeResourceStartedEvent>(gateway.Resource, async (startEvent, cancellationToken) =>
        {
            var logger = startEvent.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ViewerBundle));
            await EnsureBuiltAsync(repository, logger, cancellationToken);
        });
        return gateway;
    }

    public static async Task EnsureBuiltAsync(string repository, ILogger logger, CancellationToken cancellationToken)
    {
        var viewer = Path.Combine(repository, "Viewer");
        var stamp = Path.Combine(repository, "Gateway", "wwwroot", "viewer", "build-stamp.json");
        await Gate.WaitAsync(cancellationToken);
        try
        {
            var lockFile = Path.Combine(viewer, "package-lock.json");
            var installed = Path.Combine(viewer, "node_modules", ".package-lock.json");
            if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) < File.GetLastWriteTimeUtc(lockFile))
            {
                File.Delete(installed);
            }

            await NpmPackageInstaller.EnsureInstalledAsync("The viewer's packages", viewer, installed, logger, cancellationToken);
            if (File.Exists(stamp) && File.GetLastWriteTimeUtc(stamp) >= NewestSource(repository))
            {
                return;
            }

            logger.LogInformation("Building the viewer bundle: `node build.mjs` in {Viewer}", viewer);
            var exitCode = await RunNodeAsync(viewer, logger, cancellationToken);
            if (exitCode != 0 || !File.Exists(stamp))
            {
                throw new InvalidOperationException($"`node build.mjs` in {viewer} failed with exit code {exitCode}; see the log lines above.");
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private static DateTime NewestSource(string repository)
    {
        var viewer = Path.Combine(repository, "Viewer");
        string[] files =
        [
            Path.Combine(viewer, "package-lock.json"),
            Path.Combine(viewer, "build.mjs"),
            .. Directory.EnumerateFiles(Path.Combine(viewer, "src"), "*.js", SearchOption.AllDirectories),
            .. Directory.EnumerateFiles(Path.Combine(viewer, "shims"), "*.js"),
            .. Directory.EnumerateFiles(Path.Combine(repository, "Gateway", "wwwroot", "app"), "*.js"),
        ];
        return files.Where(File.Exists).Select(File.GetLastWriteTimeUtc).DefaultIfEmpty(DateTime.MinValue).Max();
    }

    private static async Task<int> RunNodeAsync(string viewer, ILogger logger, CancellationToken cancellationToken)
    {
        var node = ExecutableLocator.FindOnPath("node") ?? throw new InvalidOperationException(
            "The viewer bundle is missing and Node.js was not found on PATH. Install Node.js 20 or newer, or run `node build.mjs` in Viewer/.");
        return await LoggedProcess.RunAsync(node, ["build.mjs"], viewer, "viewer build", BuildTimeout, logger, cancellationToken);
    }
}
