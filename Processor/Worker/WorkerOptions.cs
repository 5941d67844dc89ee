using System.ComponentModel.DataAnnotations;

namespace HeadCt.Processor.Worker;

public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Jobs processed at the same time by this instance.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 2;

    /// <summary>How long a taken job stays invisible to other workers; extended while the job runs.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Attempts before a job ends failed; counts takes of the message, so crashes count too.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait between looks at an empty queue.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Delay before a failed attempt is retried; doubled per attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The blob lease by which one replica claims a study while it processes it (15 to 60 s, the lease lengths Azure
    /// Storage allows); renewed every third of it. A replica that dies holds its claims at most this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:15", "00:01:00")]
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a job whose study another replica holds waits for the claim, keeping its message, before putting it
    /// back for later.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ClaimWait { get; set; } = TimeSpan.FromSeconds(40);
}
