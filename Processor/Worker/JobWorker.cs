using HeadCt.Processor.Queue;
using HeadCt.Processor.Telemetry;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Worker;

/// <summary>
/// Takes jobs off the queue with bounded concurrency: <see cref="WorkerOptions.MaxConcurrency"/> loops, each
/// running one job at a time, plus one loop sampling the queue depth for the gauge.
/// </summary>
public sealed class JobWorker(
    IJobQueue queue,
    JobRunner runner,
    IOptions<WorkerOptions> options,
    ProcessorTelemetry telemetry,
    TimeProvider time,
    JobArrivalSignal arrivals,
    ILogger<JobWorker> logger) : BackgroundService
{
    private static readonly TimeSpan DepthSamplePeriod = TimeSpan.FromSeconds(10);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = new List<Task> { SampleDepthAsync(stoppingToken) };
        for (var slot = 0; slot < options.Value.MaxConcurrency; slot++)
        {
            loops.Add(Task.Run(() => ConsumeAsync(stoppingToken), stoppingToken));
        }

        return Task.WhenAll(loops);
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var job = await queue.TakeAsync(settings.VisibilityTimeout, stoppingToken);
                if (job is null)
                {
                    await arrivals.WaitAsync(settings.PollInterval, stoppingToken);
                    continue;
                }

                await runner.RunAsync(job, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The job (if any) stays leased and comes back by itself; wait so a storage outage is not hammered.
                Log.QueueUnavailable(logger, settings.PollInterval * 5, e);
                await DelayQuietlyAsync(settings.PollInterval * 5, stoppingToken);
            }
        }
    }

    private async Task SampleDepthAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                telemetry.RecordQueueDepth(await queue.GetApproximateDepthAsync(stoppingToken));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                Log.QueueUnavailable(logger, DepthSamplePeriod, e);
            }

            await DelayQuietlyAsync(DepthSamplePeriod, stoppingToken);
        }
    }

    private async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
