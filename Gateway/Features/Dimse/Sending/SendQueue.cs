using System.Collections.Concurrent;
using System.Threading.Channels;
using HeadCt.Services.Common.Storage;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Features.Dimse.Sending;

/// <summary>
/// The C-STORE SCU's queue: one lane per destination (a slow or unreachable peer holds up only its own sends), jobs
/// kept in blob storage and resumed after a restart, each retried with exponential backoff until it is completed or,
/// after <see cref="DimseOptions.SendMaxAttempts"/>, failed with the reason. The study send endpoint and (next) the
/// results issue put sends here.
/// </summary>
public sealed class SendQueue(
    SendJobStore store,
    StudySender sender,
    IOptions<DimseOptions> options,
    DimseGatewayTelemetry telemetry,
    TimeProvider time,
    ILogger<SendQueue> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Channel<SendJob>> _lanes = new(StringComparer.Ordinal);
    private readonly List<Task> _workers = [];
    private readonly CancellationTokenSource _stoppingSource = new();

    private CancellationToken Stopping => _stoppingSource.Token;

    /// <summary>Records a new send and puts it in its destination's lane.</summary>
    public async Task<SendJob> EnqueueAsync(string studyId, string destination, IReadOnlyList<string> instances, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var job = new SendJob
        {
            Id = StudyId.New(), StudyId = studyId, Destination = destination, Status = SendStatus.Queued,
            CreatedAt = now, UpdatedAt = now, Instances = instances,
        };
        await store.SaveAsync(job, cancellationToken);
        LaneOf(destination).Writer.TryWrite(job);
        return job;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stoppingSource.CancelAsync();
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _stoppingSource.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var job in await store.ListUnfinishedAsync(stoppingToken))
                    LaneOf(job.Destination).Writer.TryWrite(job);
                break;
            }
            catch (StorageUnavailableException)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken);
            }
        }

        await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        Task[] workers;
        lock (_workers)
            workers = [.. _workers];
        await Task.WhenAll(workers);
    }

    private Channel<SendJob> LaneOf(string destination) => _lanes.GetOrAdd(destination, _ =>
    {
        var lane = Channel.CreateUnbounded<SendJob>(new UnboundedChannelOptions { SingleReader = true });
        lock (_workers)
            _workers.Add(Task.Run(() => RunLaneAsync(lane)));
        return lane;
    });

    private async Task RunLaneAsync(Channel<SendJob> lane)
    {
        try
        {
            await foreach (var job in lane.Reader.ReadAllAsync(Stopping))
            {
                try
                {
                    await RunAsync(job);
                }
                catch (StorageUnavailableException)
                {
                    // The job's state could not be saved: it goes round again once storage is back.
                    await Task.Delay(TimeSpan.FromSeconds(5), time, Stopping);
                    lane.Writer.TryWrite(job);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    DimseLog.SendCrashed(logger, job.Id, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Attempts until every instance is stored, none is worth retrying, or the attempts are used up.</summary>
    private async Task RunAsync(SendJob job)
    {
        while (!job.IsFinished)
        {
            if (job.NextAttemptAt is { } next && next > time.GetUtcNow())
                await Task.Delay(next - time.GetUtcNow(), time, Stopping);
            if (options.Value.FindPeer(job.Destination) is not { MayReceiveFromUs: true } peer)
            {
                job = await FinishAsync(job with { Status = SendStatus.Failed, FailureReason = $"{job.Destination} is no longer a configured destination." });
                break;
            }

            job = job with { Status = SendStatus.Sending, Attempts = job.Attempts + 1, NextAttemptAt = null, UpdatedAt = time.GetUtcNow() };
            await store.SaveAsync(job, Stopping);
            var outcomes = await sender.SendAsync(job, peer, Stopping);
            var results = new Dictionary<string, SentInstance>(job.Results, StringComparer.Ordinal);
            foreach (var (name, outcome) in outcomes)
                results[name] = outcome;
            job = job with { Results = results, UpdatedAt = time.GetUtcNow() };
            DimseLog.SendAttempted(logger, job.Id, job.StudyId, job.Destination, job.Attempts, Count(results, "stored"), Count(results, "failed"),
                Count(results, "refused"), Count(results, "not-sent"));

            var pending = job.Pending;
            var lost = results.Values.Where(result => result.Outcome != "stored" && !result.Retryable).ToList();
            if (pending.Count == 0 && lost.Count == 0)
                job = await FinishAsync(job with { Status = SendStatus.Completed, FailureReason = null });
            else if (pending.Count == 0 || job.Attempts >= options.Value.SendMaxAttempts)
                job = await FinishAsync(job with { Status = SendStatus.Failed, FailureReason = Reason(job, results) });
            else
                job = await SaveRetryAsync(job, results);
        }
    }

    private async Task<SendJob> SaveRetryAsync(SendJob job, IReadOnlyDictionary<string, SentInstance> results)
    {
        var delay = options.Value.SendRetryDelay * Math.Pow(2, job.Attempts - 1);
        job = job with { Status = SendStatus.Retrying, NextAttemptAt = time.GetUtcNow() + delay, FailureReason = Reason(job, results) };
        await store.SaveAsync(job, Stopping);
        return job;
    }

    private async Task<SendJob> FinishAsync(SendJob job)
    {
        job = job with { UpdatedAt = time.GetUtcNow() };
        await store.SaveAsync(job, Stopping);
        telemetry.Sends.Add(1, new KeyValuePair<string, object?>("outcome", job.Status == SendStatus.Completed ? "completed" : "failed"));
        if (job.Status == SendStatus.Failed)
            DimseLog.SendFailed(logger, job.Id, job.StudyId, job.Destination, job.Attempts, job.FailureReason ?? "");
        return job;
    }

    private static int Count(IReadOnlyDictionary<string, SentInstance> results, string outcome) => results.Values.Count(r => r.Outcome == outcome);

    /// <summary>How many instances did not arrive, and the first reason given.</summary>
    private static string Reason(SendJob job, IReadOnlyDictionary<string, SentInstance> results)
    {
        var unsent = results.Values.Where(r => r.Outcome != "stored").ToList();
        return $"{unsent.Count} of {job.Instances.Count} instances not stored after {job.Attempts} attempt(s): {unsent.FirstOrDefault()?.Detail}";
    }
}
