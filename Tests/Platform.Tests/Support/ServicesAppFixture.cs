using HeadCt.Platform.Tests.Infrastructure;
using HeadCt.Platform.Tests.Security;

namespace HeadCt.Platform.Tests.Support;

/// <summary>
/// The real AppHost (Azurite, cache, PostgreSQL, processor, gateway) for the service tests, with settings that make failures
/// reachable in seconds: a pipeline pause long enough to stop the processor mid-job, a short lease so the job comes
/// back quickly, small upload limits, short circuit breaks, a sweeper that looks every second at studies older than
/// <see cref="SweeperGracePeriod"/>, a two-second audit aggregation window, and a low authentication-failure limit.
/// </summary>
public sealed class ServicesAppFixture : IAsyncLifetime
{
    public static readonly TimeSpan PipelineDelay = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(10);
    public const int MaxFileCount = 60;
    public const int MaxZipEntries = 40;
    public const int MaxCompressionRatio = 50;
    public const long MaxFileSizeBytes = 4L << 20;
    public const long MaxTotalBytes = 40L << 20;
    public const int AuthenticationFailuresPerWindow = 20;
    public static readonly TimeSpan AuthenticationFailureWindow = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan AuditAggregationWindow = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan SweeperGracePeriod = TimeSpan.FromSeconds(6);
    public static readonly TimeSpan UploadMaxDuration = TimeSpan.FromSeconds(12);

    /// <summary>The one browser origin allowed to call /dicom-web (a viewer such as OHIF).</summary>
    public const string AllowedViewerOrigin = "https://viewer.headct.test";

    private static readonly Dictionary<string, Dictionary<string, string>> Environment = new()
    {
        [ResourceNames.Processor] = new()
        {
            ["Pipeline__TestDelay"] = PipelineDelay.ToString(),
            ["Worker__VisibilityTimeout"] = VisibilityTimeout.ToString(),
            ["Worker__PollInterval"] = "00:00:00.250",
            ["Worker__RetryDelay"] = "00:00:01",
            ["Worker__MaxAttempts"] = "3",
            ["Cache__BreakDuration"] = "00:00:02",
            ["Storage__NetworkTimeout"] = "00:00:05",
            ["Storage__MaxRetries"] = "1",
            ["Storage__BreakDuration"] = "00:00:01",
        },
        [ResourceNames.Gateway] = new()
        {
            ["Upload__MaxFileCount"] = MaxFileCount.ToString(),
            ["Upload__MaxZipEntries"] = MaxZipEntries.ToString(),
            ["Upload__MaxCompressionRatio"] = MaxCompressionRatio.ToString(),
            ["Upload__MaxFileSizeBytes"] = MaxFileSizeBytes.ToString(),
            ["Upload__MaxTotalBytes"] = MaxTotalBytes.ToString(),
            ["Upload__MaxDecompressedBytes"] = (30L << 20).ToString(),
            ["DicomWeb__CorsOrigins__0"] = AllowedViewerOrigin,
            ["Upload__BodyRateGracePeriod"] = "00:00:02",
            ["Upload__MaxDuration"] = UploadMaxDuration.ToString(),
            ["Storage__NetworkTimeout"] = "00:00:05",
            ["Storage__MaxRetries"] = "1",
            ["Storage__BreakDuration"] = "00:00:01",
            ["Processor__CallTimeout"] = "00:00:03",
            ["Processor__BreakDuration"] = "00:00:02",
            ["Sweeper__Interval"] = "00:00:01",
            ["Sweeper__GracePeriod"] = SweeperGracePeriod.ToString(),
            ["Audit__AggregationWindow"] = AuditAggregationWindow.ToString(),
            ["RateLimits__AuthenticationFailuresPerMinutePerAddress"] = AuthenticationFailuresPerWindow.ToString(),
            ["RateLimits__AuthenticationFailureWindow"] = AuthenticationFailureWindow.ToString(),
        },
    };

    private DistributedApplication? _app;

    public CapturedLogs Logs { get; } = new();

    /// <summary>Receives the services' traces, metrics and logs (OTLP/HTTP) for the PHI scan.</summary>
    public OtlpCollector Telemetry { get; } = new();

    public string DataDirectory { get; } =
        Path.Combine(Path.GetTempPath(), "headct-services-tests", Guid.NewGuid().ToString("N"));

    public DistributedApplication App =>
        _app ?? throw new InvalidOperationException("The AppHost has not started (see the fixture's InitializeAsync failure).");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(PlatformAppFixture.StartupTimeout);
        try
        {
            await Telemetry.StartAsync();
            _app = await AppHostLauncher.StartAsync(Logs, DataDirectory, [], timeout.Token, ConfigureServices);
            foreach (var resource in ResourceNames.All)
            {
                await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
            }
        }
        catch (Exception exception)
        {
            var tail = Logs.Tail();
            await DisposeAsync();
            throw new InvalidOperationException(
                $"The AppHost did not become healthy: {exception.Message}{System.Environment.NewLine}{tail}", exception);
        }
    }

    /// <summary>A gateway client sending the development (admin) key.</summary>
    public HttpClient CreateGatewayClient()
    {
        var client = CreateAnonymousGatewayClient();
        client.DefaultRequestHeaders.Add(TestCredentials.ApiKeyHeader, TestCredentials.DevApiKey);
        return client;
    }

    /// <summary>A gateway client with no credential; add one per request.</summary>
    public HttpClient CreateAnonymousGatewayClient()
    {
        var client = App.CreateHttpClient(ResourceNames.Gateway, "http");
        client.Timeout = TimeSpan.FromMinutes(2);
        return client;
    }

    /// <summary>Where the gateway's DICOM endpoint (AppHost endpoint "dicom") is reachable.</summary>
    public (string Host, int Port) GetDicomEndpoint()
    {
        var endpoint = App.GetEndpoint(ResourceNames.Gateway, "dicom");
        return (endpoint.Host, endpoint.Port);
    }

    public async Task<string> GetStorageConnectionStringAsync() =>
        await App.GetConnectionStringAsync(ResourceNames.Storage)
        ?? throw new InvalidOperationException("The storage resource has no connection string.");

    public async Task<string> GetCacheConnectionStringAsync() =>
        await App.GetConnectionStringAsync(ResourceNames.Cache)
        ?? throw new InvalidOperationException("The cache resource has no connection string.");

    public Task StopAsync(string resourceName) => ExecuteAsync(resourceName, KnownResourceCommands.StopCommand);

    public Task StartAsync(string resourceName) => ExecuteAsync(resourceName, KnownResourceCommands.StartCommand);

    /// <summary>
    /// Stops a project resource and waits until it no longer runs. DCP runs projects through `dotnet run` and
    /// sometimes reports a stop as timed out although the service has shut down; the state decides, not the command.
    /// </summary>
    public async Task StopProjectAsync(string resourceName)
    {
        try
        {
            await StopAsync(resourceName);
        }
        catch (InvalidOperationException)
        {
        }

        using var timeout = new CancellationTokenSource(PlatformAppFixture.ResourceTimeout);
        await App.ResourceNotifications.WaitForResourceAsync(resourceName,
            resourceEvent => resourceEvent.Snapshot.State?.Text is { } state &&
                (KnownResourceStates.TerminalStates.Contains(state) || state == "Unknown"),
            timeout.Token);
    }

    /// <summary>Starts a resource again, retrying while DCP is still tearing the previous run down.</summary>
    public async Task StartProjectAsync(string resourceName)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartAsync(resourceName);
                await WaitForHealthyAsync(resourceName);
                return;
            }
            catch (InvalidOperationException) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromSeconds(3));
            }
        }
    }

    /// <summary>
    /// Waits until the resource is healthy for Aspire, and then until gateway and processor say "Healthy" themselves:
    /// after an outage their circuits stay open for a moment (they answer 200 "Degraded" meanwhile), and the next
    /// test must not meet them open.
    /// </summary>
    public async Task WaitForHealthyAsync(string resourceName)
    {
        using var timeout = new CancellationTokenSource(PlatformAppFixture.ResourceTimeout);
        await App.ResourceNotifications.WaitForResourceHealthyAsync(resourceName, timeout.Token);
        await WaitUntilServingAsync(timeout.Token);
    }

    /// <summary>Waits for a healthy run of the resource started after <paramref name="previousStart"/> (a restart after a kill), then for the services to serve.</summary>
    public async Task WaitForNewHealthyRunAsync(string resourceName, DateTime? previousStart)
    {
        using var timeout = new CancellationTokenSource(PlatformAppFixture.ResourceTimeout);
        await App.ResourceNotifications.WaitForResourceAsync(resourceName,
            resourceEvent => resourceEvent.Snapshot.StartTimeStamp > previousStart &&
                             resourceEvent.Snapshot.State?.Text == KnownResourceStates.Running &&
                             resourceEvent.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy,
            timeout.Token);
        await WaitUntilServingAsync(timeout.Token);
    }

    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        foreach (var service in (string[])[ResourceNames.Processor, ResourceNames.Gateway])
        {
            using var client = App.CreateHttpClient(service, "http");
            client.Timeout = TimeSpan.FromSeconds(10);
            var last = "";
            while (true)
            {
                try
                {
                    last = await client.GetStringAsync("/health", cancellationToken);
                    if (last == "Healthy")
                    {
                        break;
                    }
                }
                catch (HttpRequestException e)
                {
                    last = e.Message;
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    last = "(no answer)";
                }

                if (cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"{service} did not report Healthy: {last}");
                }

                await Task.Delay(250, cancellationToken);
            }
        }
    }

    public async Task WaitForStoppedAsync(string resourceName)
    {
        using var timeout = new CancellationTokenSource(PlatformAppFixture.ResourceTimeout);
        await App.ResourceNotifications.WaitForResourceAsync(resourceName, KnownResourceStates.TerminalStates, timeout.Token);
    }

    /// <summary>Where the AppHost's captured log is written when the fixture ends, for diagnosing failures.</summary>
    public static string LogFile => Path.Combine(Path.GetTempPath(), "headct-services-tests.log");

    public async Task DisposeAsync()
    {
        try
        {
            await File.WriteAllLinesAsync(LogFile, Logs.Lines.Select(line => line.ToString()));
        }
        catch (IOException)
        {
        }

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

        await Telemetry.DisposeAsync();
        try
        {
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void ConfigureServices(IDistributedApplicationTestingBuilder builder)
    {
        foreach (var (resourceName, variables) in Environment)
        {
            var project = builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == resourceName);
            var resourceBuilder = builder.CreateResourceBuilder(project);
            foreach (var (name, value) in variables)
            {
                resourceBuilder.WithEnvironment(name, value);
            }

            foreach (var (name, value) in Telemetry.ExporterEnvironment)
            {
                resourceBuilder.WithEnvironment(name, value);
            }

            if (resourceName == ResourceNames.Gateway)
            {
                foreach (var (name, value) in TestCredentials.GatewayEnvironment)
                {
                    resourceBuilder.WithEnvironment(name, value);
                }

                foreach (var (name, value) in Dimse.DimseTestPeers.GatewayEnvironment)
                {
                    resourceBuilder.WithEnvironment(name, value);
                }
            }
        }
    }

    private async Task ExecuteAsync(string resourceName, string command)
    {
        var result = await App.ResourceCommands.ExecuteCommandAsync(resourceName, command);
        if (!result.Success)
        {
            throw new InvalidOperationException($"Command '{command}' on '{resourceName}' failed: {result.Message}");
        }
    }
}
