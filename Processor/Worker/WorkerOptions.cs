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
}
