using System.Diagnostics;
using System.Text.Json;

namespace HeadCt.Platform.Tests.Hosting;

/// <summary>
/// Runs the built AppHost once in publish mode (<c>--publisher manifest</c>), exactly as azd does,
/// and parses the manifest it writes.
/// </summary>
public sealed class PublishedManifest : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(3);

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    private readonly string _outputDirectory =
        Path.Combine(Path.GetTempPath(), "headct-manifest-tests", Guid.NewGuid().ToString("N"));

    private JsonDocument? _document;

    public JsonElement Resources => _document?.RootElement.GetProperty("resources")
        ?? throw new InvalidOperationException("The manifest was not published.");

    public IEnumerable<(string Name, JsonElement Resource)> AllResources =>
        Resources.EnumerateObject().Select(property => (property.Name, property.Value));

    public async Task InitializeAsync()
    {
        var manifestPath = Path.Combine(_outputDirectory, "aspire-manifest.json");
        var startInfo = new ProcessStartInfo("dotnet",
        [
            "run", "--project", Projects.AppHost.ProjectPath, "--no-build", "--no-launch-profile",
            "--configuration", BuildConfiguration,
            "--", "--publisher", "manifest", "--output-path", manifestPath,
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        await process.WaitForExitAsync(timeout.Token);

        if (process.ExitCode != 0 || !File.Exists(manifestPath))
        {
            throw new InvalidOperationException(
                $"Publishing the manifest failed (exit {process.ExitCode}):{Environment.NewLine}{await output}{await errors}");
        }

        await using var manifest = File.OpenRead(manifestPath);
        _document = await JsonDocument.ParseAsync(manifest);
    }

    public Task DisposeAsync()
    {
        _document?.Dispose();
        if (Directory.Exists(_outputDirectory))
        {
            Directory.Delete(_outputDirectory, recursive: true);
        }

        return Task.CompletedTask;
    }
}
