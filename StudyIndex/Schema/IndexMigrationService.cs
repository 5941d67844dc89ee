using HeadCt.StudyIndex.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HeadCt.StudyIndex.Schema;

/// <summary>Migrates the index before the service takes requests; retries briefly while PostgreSQL is still starting.</summary>
internal sealed class IndexMigrationService(IndexConnection connection, ILogger<IndexMigrator> logger) : IHostedService
{
    private const int Attempts = 10;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var migrator = new IndexMigrator(connection.ConnectionString, logger);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await migrator.MigrateAsync(cancellationToken);
                return;
            }
            catch (Exception e) when (e is NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException && attempt < Attempts)
            {
                Log.DatabaseNotReady(logger, attempt, e);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
