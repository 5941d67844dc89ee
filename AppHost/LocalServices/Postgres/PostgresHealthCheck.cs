using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace HeadCt.AppHost.LocalServices.Postgres;

/// <summary>Healthy when the server accepts the password over TCP and answers SELECT 1.</summary>
internal sealed class PostgresHealthCheck(PostgresServerResource server) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var endpoint = server.GetEndpoint(PostgresServerResource.EndpointName);
        if (!endpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("The PostgreSQL endpoint is not allocated yet.");
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder
            {
                Host = endpoint.Host, Port = endpoint.Port, Username = PostgresServerResource.UserName,
                Password = await server.Password.GetValueAsync(cancellationToken), Database = "postgres", Pooling = false, Timeout = 3,
            };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer yet.", e);
        }
    }
}
