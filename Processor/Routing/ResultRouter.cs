using HeadCt.Processor.DicomResults;
using HeadCt.Processor.Results;
using HeadCt.Processor.Telemetry;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Routing;

/// <summary>
/// Sends a study's result objects to every configured destination whose turn it is, and records each outcome in the
/// result document (its <c>routing</c>): sent, failed with the reason and the next attempt (delay doubling), or
/// dead-letter after the last attempt. Objects keep their SOP Instance UIDs across sends and reprocessing, so a
/// destination that honours them stores each once.
/// </summary>
public sealed class ResultRouter(
    IOptions<RoutingOptions> options, IResultStore results, IResultObjectStore objects, IDestinationFactory destinations,
    TimeProvider time, ILogger<ResultRouter> logger)
{
    /// <summary>A pending record per destination with the objects its rule selects (none when nothing is selected).</summary>
    public static IReadOnlyList<RoutingRecord> Plan(RoutingOptions routing, IReadOnlyList<DicomObjectRecord> written) =>
    [
        .. routing.Destinations
            .Select(destination => new RoutingRecord(destination.Name, RoutingRecord.Pending, 0,
                [.. written.Where(item => destination.Takes(item.Modality)).Select(item => item.SopInstanceUid)]))
            .Where(record => record.SopInstanceUids.Count > 0),
    ];

    /// <summary>Sends what is due; returns when the next failed destination is due again, or null when none waits.</summary>
    public async Task<DateTimeOffset?> RunAsync(string studyId, CancellationToken cancellationToken)
    {
        var stored = await results.GetAsync(studyId, cancellationToken);
        if (stored is null)
            return null;
        var document = stored.Document;
        DateTimeOffset? next = null;
        foreach (var record in document.Routing.Where(record => record.IsDue))
        {
            var now = time.GetUtcNow();
            if (record.NextAttemptAt is { } due && due > now)
            {
                next = Earliest(next, due);
                continue;
            }

            var outcome = await SendAsync(studyId, record, cancellationToken);
            await results.UpdateAsync(studyId, current => current with
            {
                Routing = [.. current.Routing.Select(existing => existing.Destination == record.Destination ? outcome : existing)],
            }, ifMatch: null, cancellationToken);
            if (outcome.State == RoutingRecord.Failed)
                next = Earliest(next, outcome.NextAttemptAt!.Value);
        }

        return next;
    }

    private async Task<RoutingRecord> SendAsync(string studyId, RoutingRecord record, CancellationToken cancellationToken)
    {
        var attempt = record.Attempts + 1;
        var now = time.GetUtcNow();
        using var activity = ProcessorTelemetry.ActivitySource.StartActivity("route results");
        activity?.SetTag("headct.study_id", studyId);
        activity?.SetTag("headct.destination", record.Destination);
        try
        {
            var destination = destinations.Get(record.Destination)
                ?? throw new DestinationException($"No destination '{record.Destination}' is configured any more.");
            var instances = new List<byte[]>();
            foreach (var uid in record.SopInstanceUids)
            {
                var bytes = await objects.GetAsync(studyId, uid, cancellationToken)
                    ?? throw new DestinationException($"Result object {uid} is not stored.");
                instances.Add(bytes.ToArray());
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.SendTimeout);
            await destination.SendAsync(instances, timeout.Token);
            Log.ResultsRouted(logger, studyId, record.Destination, instances.Count, attempt);
            return record with { State = RoutingRecord.Sent, Attempts = attempt, Reason = null, LastAttemptAt = now, NextAttemptAt = null, SentAt = now };
        }
        catch (DestinationException e)
        {
            var dead = attempt >= options.Value.MaxAttempts;
            Log.RoutingFailed(logger, studyId, record.Destination, attempt, dead, e.Message);
            return record with
            {
                State = dead ? RoutingRecord.DeadLetter : RoutingRecord.Failed,
                Attempts = attempt,
                Reason = e.Message,
                LastAttemptAt = now,
                NextAttemptAt = dead ? null : now + options.Value.RetryDelay * Math.Pow(2, attempt - 1),
            };
        }
    }

    private static DateTimeOffset Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x < b ? x : b;
}
