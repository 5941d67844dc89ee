using HeadCt.Processor.Queue;
using HeadCt.Processor.Telemetry;

namespace HeadCt.Processor.Worker;

/// <summary>
/// Extends a running job's lease every third of the visibility timeout, so a long job is not handed to another
/// worker, while a crashed one is (its lease simply runs out).
/// </summary>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LeaseKeeper(IJobQueue queue, LeasedJob job, TimeSpan lease, TimeProvider time, ILogger logger)
    {
        _loop = RunAsync(queue, job, lease, time, logger, _stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static async Task RunAsync(IJobQueue queue, LeasedJob job, TimeSpan lease, TimeProvider time, ILogger logger, CancellationToken stop)
    {
        var period = lease / 3;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, time, stop);
                await queue.ExtendLeaseAsync(job, lease, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                Log.LeaseRenewalFailed(logger, job.StudyId ?? job.MessageId, e);
            }
        }
    }
}
