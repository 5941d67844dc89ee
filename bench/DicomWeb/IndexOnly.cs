using System.Diagnostics;
using System.Diagnostics.Metrics;
using HeadCt.StudyIndex;
using HeadCt.StudyIndex.Attributes;
using HeadCt.StudyIndex.Qido;
using HeadCt.StudyIndex.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HeadCt.DicomWebBench;

/// <summary>The QIDO-RS study searches run by <see cref="QidoSearch"/> straight against PostgreSQL from the bench process.</summary>
public static class IndexOnly
{
    public static async Task<Latencies> MeasureAsync(string connectionString, int clients, int requestsPerClient)
    {
        await using var database = NpgsqlDataSource.Create(connectionString);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var search = new QidoSearch(database, Options.Create(new IndexOptions()), new IndexTelemetry(meters));
        var latencies = new Latencies($"index query alone (QidoSearch → PostgreSQL), {clients} clients");
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var random = new Random(1000 + client);
            for (var i = 0; i < requestsPerClient; i++)
            {
                var (_, text) = GeneratedStudies.RandomSearch(random);
                var parameters = text.Split('&').Select(pair => pair.Split('=', 2))
                    .Select(pair => new KeyValuePair<string, string?[]>(pair[0], [Uri.UnescapeDataString(pair[1])]));
                var query = QidoQueryParser.Parse(QidoLevel.Study, null, null, parameters, 1000);
                var started = Stopwatch.GetTimestamp();
                await search.SearchAsync(query, CancellationToken.None);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        return latencies;
    }
}
