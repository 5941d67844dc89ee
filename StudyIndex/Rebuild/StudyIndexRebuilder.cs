using System.Diagnostics;
using HeadCt.StudyIndex.Storage;
using HeadCt.StudyIndex.Telemetry;
using HeadCt.StudyIndex.Writing;
using Microsoft.Extensions.Logging;

namespace HeadCt.StudyIndex.Rebuild;

/// <summary>
/// <c>reindex</c>: empties the index and derives it again from blob storage, every study with a record (in study id
/// order) and its result document. The writes are the live path's, so a rebuilt index equals the one kept live.
/// </summary>
public sealed class StudyIndexRebuilder(BlobStudySource source, StudyIndexWriter writer, ILogger logger)
{
    public sealed record Outcome(int Studies, int Instances, int Results);

    public async Task<Outcome> RebuildAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await writer.TruncateAsync(cancellationToken);
        var ids = new List<string>();
        await foreach (var id in source.ListStudyIdsAsync(cancellationToken))
        {
            ids.Add(id);
        }

        ids.Sort(StringComparer.Ordinal);
        int studies = 0, instances = 0, results = 0;
        foreach (var id in ids)
        {
            if (await source.ReadArrivalAsync(id, cancellationToken) is not { } arrival)
            {
                continue;
            }

            await writer.IndexStudyAsync(arrival, cancellationToken);
            studies++;
            instances += arrival.Instances.Count;
            if (await source.ReadResultAsync(id, cancellationToken) is { } result && await writer.ApplyResultAsync(id, result, cancellationToken))
            {
                results++;
            }
        }

        Log.Rebuilt(logger, studies, instances, results, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return new Outcome(studies, instances, results);
    }
}
