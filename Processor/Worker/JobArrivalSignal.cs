namespace HeadCt.Processor.Worker;

/// <summary>
/// Wakes an idle worker loop as soon as this instance queues a job, instead of at its next poll. The queue stays the
/// truth (other instances and redelivered messages are still found by polling); the signal only cuts the wait.
/// </summary>
public sealed class JobArrivalSignal
{
    private readonly SemaphoreSlim _arrivals = new(0, int.MaxValue);

    public void Notify() => _arrivals.Release();

    /// <summary>Returns when a job was queued here or the poll interval has passed.</summary>
    public async Task WaitAsync(TimeSpan pollInterval, CancellationToken cancellationToken) =>
        await _arrivals.WaitAsync(pollInterval, cancellationToken);
}
