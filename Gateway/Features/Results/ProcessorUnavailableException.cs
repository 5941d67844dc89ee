namespace HeadCt.Gateway.Features.Results;

/// <summary>
/// The processor could not be reached, or answered with a server error, within its timeout; or the circuit is open
/// and it was not called at all (<see cref="RefusedAtOnce"/>, with the break's length in <see cref="RetryAfter"/>).
/// </summary>
public sealed class ProcessorUnavailableException(string message, Exception? inner = null, TimeSpan? refusedFor = null)
    : Exception(message, inner)
{
    public bool RefusedAtOnce => refusedFor is not null;

    public TimeSpan RetryAfter { get; } = refusedFor ?? TimeSpan.FromSeconds(5);
}
