using System.ComponentModel.DataAnnotations;

namespace HeadCt.ServiceDefaults.Storage;

/// <summary>
/// How a service's storage calls fail fast (section <c>Storage</c> of each service): the SDK's per-try timeout and
/// retries, and the <see cref="StorageCircuitBreaker"/>. With the defaults an outage is answered within about 12 s
/// the first time (two retries of 5 s tries) and at once while the circuit is open.
/// </summary>
public abstract class StorageClientOptions
{
    /// <summary>
    /// How long one storage try may take. Kept short: behind a proxy an unreachable emulator accepts the connection
    /// and never answers, and the SDK's 100 s default would hold an upload open that long per try. A 4 MiB block
    /// to a local or same-region account takes well under a second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Retries of a failed storage request (exponential back-off from 0.2 s to 2 s) before it counts as unavailable;
    /// at least one, so the SDK reports every failure in one shape (an AggregateException of the tries).
    /// </summary>
    [Range(1, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>Consecutive tries without an answer (or with a server error) after which storage calls fail at once.</summary>
    [Range(1, 1000)]
    public int BreakAfterFailures { get; set; } = 3;

    /// <summary>How long storage calls fail at once before one is let through to probe.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    public StorageResilience Resilience => new(NetworkTimeout, MaxRetries, BreakAfterFailures, BreakDuration);
}
