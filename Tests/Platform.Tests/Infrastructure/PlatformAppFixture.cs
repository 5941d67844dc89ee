using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HeadCt.Platform.Tests.Infrastructure;

/// <summary>
/// Starts the real AppHost (storage, cache, processor, gateway) once per test collection with a fresh
/// data directory, and waits until every resource reports healthy. Its gateway de-identifies at ingest
/// (<c>Upload:Deidentify</c>), the switch the services fixture leaves off.
/// </summary>
public sealed partial class PlatformAppFixture : IAsyncLifetime
{
    /// <summary>First start on a fresh clone includes `npm ci` of Azurite and the project builds.</summary>
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan ResourceTimeout = TimeSpan.FromMinutes(2);

    private DistributedApplication? _app;

    public CapturedLogs Logs { get; } = new();

    /// <summary>Where this AppHost's Azurite and cache keep their files; deleted on dispose.</summary>
    public string DataDirectory { get; } =
        Path.Combine(Path.GetTempPath(), "headct-platform-tests", Guid.NewGuid().ToString("N"));

    public DistributedApplication App =>
        _app ?? throw new InvalidOperationException("The AppHost has not started (see the fixture's InitializeAsync failure).");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartupTimeout);
        try
        {
            _app = await AppHostLauncher.StartAsync(Logs, DataDirectory, [], timeout.Token, builder =>
            {
                var gateway = builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == ResourceNames.Gateway);
                builder.CreateResourceBuilder(gateway).WithEnvironment("Upload__Deidentify", "true");
            });
            foreach (var resource in ResourceNames.All)
            {
                await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
            }
        }
        catch (Exception exception)
        {
            var tail = $"Warnings and errors:{Environment.NewLine}{Logs.Tail(40, LogLevel.Warning)}{Environment.NewLine}" +
                       $"Last log lines:{Environment.NewLine}{Logs.Tail(40)}";
            await DisposeAsync();
            throw new InvalidOperationException(
                $"The AppHost did not start healthy (limit {StartupTimeout}): {exception.Message}{Environment.NewLine}{tail}",
                exception);
        }
    }

    /// <summary>An HttpClient whose base address is the gateway's http endpoint, sending the development (admin) key.</summary>
    public HttpClient CreateGatewayClient()
    {
        var client = App.CreateHttpClient(ResourceNames.Gateway, "http");
        client.DefaultRequestHeaders.Add(Security.TestCredentials.ApiKeyHeader, Security.TestCredentials.DevApiKey);
        return client;
    }

    public HttpClient CreateHttpClient(string resourceName, string endpointName = "http") =>
        App.CreateHttpClient(resourceName, endpointName);

    /// <summary>The Azure Storage connection string the services get as ConnectionStrings:storage.</summary>
    public async Task<string> GetStorageConnectionStringAsync(CancellationToken cancellationToken = default) =>
        await App.GetConnectionStringAsync(ResourceNames.Storage, cancellationToken)
        ?? throw new InvalidOperationException("The storage resource has no connection string.");

    /// <summary>The StackExchange.Redis connection string the services get as ConnectionStrings:cache.</summary>
    public async Task<string> GetCacheConnectionStringAsync(CancellationToken cancellationToken = default) =>
        await App.GetConnectionStringAsync(ResourceNames.Cache, cancellationToken)
        ?? throw new InvalidOperationException("The cache resource has no connection string.");

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            try
            {
                await _app.StopAsync();
            }
            finally
            {
                await _app.DisposeAsync();
                _app = null;
            }
        }

        TryDeleteDataDirectory();
    }

    private void TryDeleteDataDirectory()
    {
        try
        {
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A server still flushing a file; the folder is under the temp directory anyway.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
