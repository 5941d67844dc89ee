namespace HeadCt.Gateway.Features.Results;

/// <summary>
/// When the breaker in front of the processor refuses calls, for the health check to report. Past its break the
/// breaker lets the next call probe; from then on the health check's own call to the processor decides.
/// </summary>
public sealed class ProcessorCircuit(TimeProvider time)
{
    private long _refusingUntilTicks;

    public bool IsRefusing => time.GetUtcNow().UtcTicks < Interlocked.Read(ref _refusingUntilTicks);

    internal void Opened(TimeSpan breakDuration) => Interlocked.Exchange(ref _refusingUntilTicks, (time.GetUtcNow() + breakDuration).UtcTicks);

    internal void Closed() => Interlocked.Exchange(ref _refusingUntilTicks, 0);
}
