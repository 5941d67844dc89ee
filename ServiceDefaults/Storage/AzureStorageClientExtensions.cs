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
/// <c>ConnectionStrings:{connectionName}</c>, with "ready" health checks and Azure SDK tracing.
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

        builder.Services.AddSingleton(services =>
        {
            var options = new BlobClientOptions();
            configureBlobOptions?.Invoke(options);
            return new BlobServiceClient(ReadConnectionString(services.GetRequiredService<IConfiguration>(), connectionName), options);
        });
        builder.Services.AddSingleton(services =>
        {
            var options = new QueueClientOptions();
            configureQueueOptions?.Invoke(options);
            return new QueueServiceClient(ReadConnectionString(services.GetRequiredService<IConfiguration>(), connectionName), options);
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

    private static string ReadConnectionString(IConfiguration configuration, string connectionName)
    {
        var connectionString = configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"Azure Storage connection string 'ConnectionStrings:{connectionName}' is missing. " +
                "Run the service through the AppHost, or set ConnectionStrings__" + connectionName + ".");
        }

        return connectionString;
    }
}
