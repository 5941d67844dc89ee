using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using HeadCt.ServiceDefaults.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Stands in for the Aspire.Azure.Storage.Blobs/Queues client integrations (not available to this project):
/// one <see cref="BlobServiceClient"/> and one <see cref="QueueServiceClient"/> built from
/// <c>ConnectionStrings:{connectionName}</c>, either an account connection string or the account's endpoints reached with
/// <see cref="DefaultAzureCredential"/> (<see cref="StorageConnection"/>), with "ready" health checks (storage away is
/// "degraded": the service runs, answers what it can and says so) and Azure SDK tracing.
/// </summary>
public static class AzureStorageClientExtensions
{
    private static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(3);

    /// <param name="resilience">
    /// Per-try timeout and retries (short, with back-off from 0.2 s to 2 s) and the circuit breaker that refuses calls
    /// at once while storage is away, so an outage is answered in seconds, not minutes.
    /// </param>
    /// <param name="configureClient">Applied last to both clients' options (tests: a transport that trusts a test certificate).</param>
    public static TBuilder AddAzureStorageClients<TBuilder>(
        this TBuilder builder, string connectionName, StorageResilience resilience, Action<ClientOptions>? configureClient = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);

        // read once: a malformed setting fails at start-up with its name, and blob and queue clients share one credential
        var connection = StorageConnection.Parse(builder.Configuration.GetConnectionString(connectionName), "ConnectionStrings:" + connectionName);
        var credential = connection.UsesIdentity ? new DefaultAzureCredential() : null;
        builder.Services.AddSingleton(services =>
        {
            var options = new BlobClientOptions();
            Configure(options, resilience, services);
            configureClient?.Invoke(options);
            return credential is null
                ? new BlobServiceClient(connection.ConnectionString, options)
                : new BlobServiceClient(connection.BlobEndpoint, credential, options);
        });
        builder.Services.AddSingleton(services =>
        {
            var options = new QueueClientOptions();
            Configure(options, resilience, services);
            configureClient?.Invoke(options);
            return credential is null
                ? new QueueServiceClient(connection.ConnectionString, options)
                : new QueueServiceClient(connection.QueueEndpoint, credential, options);
        });

        builder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(
                $"{connectionName}-blob",
                services => new BlobServiceHealthCheck(services.GetRequiredService<BlobServiceClient>()),
                failureStatus: HealthStatus.Degraded,
                tags: [HealthEndpoints.ReadyTag],
                timeout: HealthCheckTimeout))
            .Add(new HealthCheckRegistration(
                $"{connectionName}-queue",
                services => new QueueServiceHealthCheck(services.GetRequiredService<QueueServiceClient>()),
                failureStatus: HealthStatus.Degraded,
                tags: [HealthEndpoints.ReadyTag],
                timeout: HealthCheckTimeout));

        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource("Azure.Storage.*"));

        return builder;
    }

    private static void Configure(ClientOptions options, StorageResilience resilience, IServiceProvider services)
    {
        options.Retry.NetworkTimeout = resilience.NetworkTimeout;
        options.Retry.MaxRetries = resilience.MaxRetries;
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.AddPolicy(new StorageCircuitBreaker(resilience, services.GetService<TimeProvider>() ?? TimeProvider.System),
            HttpPipelinePosition.PerRetry);
    }
}
