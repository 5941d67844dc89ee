using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using HeadCt.StudyIndex.Telemetry;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HeadCt.StudyIndex.Schema;

/// <summary>
/// Versioned plain-SQL migrations (<c>Schema/Migrations/NNNN_name.sql</c>, embedded): each applied once, in version
/// order, in its own transaction, recorded in <c>schema_migrations</c> with its SHA-256 so that an edited script that
/// was already applied stops the service instead of drifting. A session advisory lock lets the gateway, the processor
/// and <c>reindex</c> start together. The database itself is created when it does not exist (Debian's initdb makes
/// only <c>postgres</c>).
/// </summary>
public sealed class IndexMigrator(string connectionString, ILogger logger)
{
    private const long MigrationLockKey = 0x4865_6164_4374_0012; // "HeadCt" + issue 18
    private const string ResourcePrefix = "HeadCt.StudyIndex.Migrations.";

    public static IReadOnlyList<Migration> Migrations { get; } = LoadMigrations();

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await EnsureDatabaseAsync(cancellationToken);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, " +
                "sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken);
            var applied = await AppliedAsync(connection, cancellationToken);
            foreach (var migration in Migrations)
            {
                if (applied.TryGetValue(migration.Version, out var sha256))
                {
                    if (sha256 != migration.Sha256)
                    {
                        throw new InvalidOperationException(
                            $"Study index migration {migration.Version} ({migration.Name}) was changed after it was applied; add a new migration instead.");
                    }

                    continue;
                }

                await ApplyAsync(connection, migration, cancellationToken);
                Log.MigrationApplied(logger, migration.Version, migration.Name);
            }
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
        }
    }

    private async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        try
        {
            await using var probe = new NpgsqlConnection(connectionString);
            await probe.OpenAsync(cancellationToken);
            return;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName && target.Database is { Length: > 0 })
        {
        }

        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        try
        {
            // CREATE DATABASE takes no parameters; the name is quoted as an identifier.
            await ExecuteAsync(connection, $"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", cancellationToken);
            Log.DatabaseCreated(logger, target.Database);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another service created it first.
        }
    }

    private static async Task<Dictionary<int, string>> AppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, sha256 FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, migration.Sql, cancellationToken);
        await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name, sha256) VALUES (@version, @name, @sha256)", connection);
        record.Parameters.AddWithValue("version", migration.Version);
        record.Parameters.AddWithValue("name", migration.Name);
        record.Parameters.AddWithValue("sha256", migration.Sha256);
        await record.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static IReadOnlyList<Migration> LoadMigrations()
    {
        var assembly = typeof(IndexMigrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var name = resource[ResourcePrefix.Length..^4];
            var underscore = name.IndexOf('_');
            if (underscore <= 0 || !int.TryParse(name[..underscore], out var version))
            {
                throw new InvalidOperationException($"Migration '{name}' is not named NNNN_description.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var text = new StreamReader(stream, Encoding.UTF8);
            var sql = text.ReadToEnd();
            migrations.Add(new Migration(version, name[(underscore + 1)..], sql,
                Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)))));
        }

        return [.. migrations.OrderBy(migration => migration.Version)];
    }

    public sealed record Migration(int Version, string Name, string Sql, string Sha256);
}
