using HeadCt.Platform.Tests.Infrastructure;
using Npgsql;

namespace HeadCt.Platform.Tests.Hosting;

/// <summary>
/// PostgreSQL from Debian's binaries as an AppHost executable (initdb on first run, as the postgres user when the tests
/// run as root), alone: healthy, reachable with the generated password, and its index database migrated by our migrator.
/// </summary>
public sealed class PostgresExecutableTests : IAsyncLifetime
{
    private readonly CapturedLogs _logs = new();
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "headct-platform-tests", Guid.NewGuid().ToString("N"));
    private DistributedApplication? _app;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(PlatformAppFixture.StartupTimeout);
        _app = await AppHostLauncher.StartAsync(_logs, _dataDirectory, ["LocalServices:Mode=executables"], timeout.Token,
            builder =>
            {
                foreach (var resource in builder.Resources.Where(resource => resource.Name is not (ResourceNames.Postgres or ResourceNames.Index or "postgres-password")).ToList())
                {
                    builder.Resources.Remove(resource);
                }
            });
    }

    [Fact]
    public async Task GivenExecutableMode_WhenTheServerStarts_ThenItIsHealthyAndTheIndexDatabaseIsCreatedAndMigrated()
    {
        using var timeout = new CancellationTokenSource(PlatformAppFixture.ResourceTimeout);
        await _app!.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Postgres, timeout.Token);
        var connectionString = await _app.GetConnectionStringAsync(ResourceNames.Index, timeout.Token);

        await new HeadCt.StudyIndex.Schema.IndexMigrator(connectionString!, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance)
            .MigrateAsync(timeout.Token);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(timeout.Token);
        await using var command = new NpgsqlCommand("SELECT max(version) FROM schema_migrations", connection);

        Assert.Equal(HeadCt.StudyIndex.Schema.IndexMigrator.Migrations[^1].Version, (int)(await command.ExecuteScalarAsync(timeout.Token))!);
        Assert.Equal("headct", connection.Database);
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "postgres", "PG_VERSION")), "initdb wrote the cluster into the data folder.");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
