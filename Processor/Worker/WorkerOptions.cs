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

    /// <summary>
    /// Memory the studies being processed may take together, in MiB; 0 derives it from the memory the runtime may use
    /// (the container's limit or the GC heap limit) less the view cache and <see cref="MemoryReserveMegabytes"/>. A job
    /// waits for its share before the volume is built; a study larger than the whole budget fails with the figures.
    /// </summary>
    [Range(0, 1_048_576)]
    public int MemoryBudgetMegabytes { get; set; }

    /// <summary>What the process needs besides studies and views (runtime, model sessions, requests), in MiB.</summary>
    [Range(0, 65_536)]
    public int MemoryReserveMegabytes { get; set; } = 512;

    /// <summary>
    /// Managed memory one stored voxel costs while its study is processed (decoded slices, the float volume, the model's
    /// input, attention, the stored form). Measured with bench/Load: a 600-slice 512² study failed with a 1 GiB GC heap
    /// limit and completed with 1.5 GiB, i.e. between 6 and 9.5 bytes per voxel.
    /// </summary>
    [Range(1, 64)]
    public int BytesPerVoxel { get; set; } = 8;
}
