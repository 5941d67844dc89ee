using System.Diagnostics;
using System.Text.Json;
using HeadCt.Platform.Tests.Infrastructure;

namespace HeadCt.Platform.Tests.DicomWeb.Interop;

/// <summary>
/// The dicomweb-client check script (<c>dicomweb-client/check.mjs</c>): its packages are pinned by the committed
/// package-lock.json and installed with <c>npm ci</c> into the git-ignored node_modules on first use.
/// </summary>
public static class NodeDicomWebClient
{
    private static readonly SemaphoreSlim InstallOnce = new(1, 1);

    public static string Folder => Path.Combine(RepositoryPaths.Root, "Tests", "Platform.Tests", "DicomWeb", "Interop", "dicomweb-client");

    public static async Task<JsonElement> RunAsync(string serviceRoot, string apiKey, string studyInstanceUid, string fileToStore)
    {
        await EnsureInstalledAsync();
        var (exit, output, errors) = await RunProcessAsync("node", [Path.Combine(Folder, "check.mjs"), serviceRoot, apiKey, studyInstanceUid, fileToStore]);
        Assert.True(exit == 0, $"check.mjs exited {exit}:{Environment.NewLine}{output}{errors}");
        return JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.Clone();
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallOnce.WaitAsync();
        try
        {
            if (File.Exists(Path.Combine(Folder, "node_modules", "dicomweb-client", "package.json")))
            {
                return;
            }

            var (exit, output, errors) = await RunProcessAsync("npm", ["ci", "--no-audit", "--no-fund"]);
            Assert.True(exit == 0, $"npm ci in {Folder} failed ({exit}):{Environment.NewLine}{output}{errors}");
        }
        finally
        {
            InstallOnce.Release();
        }
    }

    private static async Task<(int Exit, string Output, string Errors)> RunProcessAsync(string program, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await errors);
    }
}
