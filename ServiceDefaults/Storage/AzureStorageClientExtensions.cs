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
/// <see cref="DefaultAzureCredential"/> (<see cref="StorageConnection"/>), with "ready" health checks and Azure SDK tracing.
/// </summary>
public static class AzureStorageClientExtensions
{
    private static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(10);

    public static TBuilder AddAzureStorageClients<TBuilder>(
        this TBuilder builder,
        string connectionName,
        Action<BlobClientOptions>? configureBlobOptions = null,
        Action<QueueClientOptions>? configureQueueOptions = null)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);

        // read once: a malformed setting fails at start-up with its name, and blob and queue clients share one credential
        var connection = StorageConnection.Parse(builder.Configuration.GetConnectionString(connectionName), "ConnectionStrings:" + connectionName);
        var credential = connection.UsesIdentity ? new DefaultAzureCredential() : null;
        builder.Services.AddSingleton(_ =>
        {
            var options = new BlobClientOptions();
            configureBlobOptions?.Invoke(options);
            return credential is null
                ? new BlobServiceClient(connection.ConnectionString, options)
                : new BlobServiceClient(connection.BlobEndpoint, credential, options);
        });
        builder.Services.AddSingleton(_ =>
        {
            var options = new QueueClientOptions();
            configureQueueOptions?.Invoke(options);
            return credential is null
                ? new QueueServiceClient(connection.ConnectionString, options)
                : new QueueServiceClient(connection.QueueEndpoint, credential, options);
        });

        builder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(
                $"{connectionName}-blob",
                services => new BlobServiceHealthCheck(services.GetRequiredService<BlobServiceClient>()),
                failureStatus: null,
                tags: [HealthEndpoints.ReadyTag],
                timeout: HealthCheckTimeout))
            .Add(new HealthCheckRegistration(
                $"{connectionName}-queue",
                services => new QueueServiceHealthCheck(services.GetRequiredService<QueueServiceClient>()),
                failureStatus: null,
                tags: [HealthEndpoints.ReadyTag],
                timeout: HealthCheckTimeout));

        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource("Azure.Storage.*"));

        return builder;
    }
}
