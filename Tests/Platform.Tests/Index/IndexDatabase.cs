using System.Diagnostics.Metrics;
using HeadCt.Platform.Tests.Infrastructure;
using HeadCt.Platform.Tests.Support;
using HeadCt.StudyIndex.Telemetry;
using HeadCt.StudyIndex.Writing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HeadCt.Platform.Tests.Index;

/// <summary>The running AppHost's study index, opened from the test with the connection string the services get.</summary>
public static class IndexDatabase
{
    public static async Task<string> ConnectionStringAsync(ServicesAppFixture fixture) =>
        await fixture.App.GetConnectionStringAsync(ResourceNames.Index)
        ?? throw new InvalidOperationException("The index resource has no connection string.");

    public static StudyIndexWriter Writer(NpgsqlDataSource database) => new(database, Telemetry());

    public static IndexTelemetry Telemetry() =>
        new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    /// <summary>Every row of every index table, in key order, as text: two equal snapshots mean two equal indexes.</summary>
    public static async Task<IReadOnlyDictionary<string, string[]>> SnapshotAsync(string connectionString)
    {
        var snapshot = new Dictionary<string, string[]>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        (string Table, string Order)[] tables =
            [("instances", "study_id, blob_number"), ("series", "study_instance_uid, series_instance_uid"), ("studies", "study_instance_uid"), ("worklist", "study_id")];
        foreach (var (table, order) in tables)
        {
            await using var command = new NpgsqlCommand($"SELECT t::text FROM {table} t ORDER BY {order}", connection);
            var rows = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }

            snapshot[table] = [.. rows];
        }

        return snapshot;
    }
}
