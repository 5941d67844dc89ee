using System.ComponentModel.DataAnnotations;

namespace HeadCt.Gateway.Features.Results;

/// <summary><c>Processor</c>: where the processor is and how long the gateway waits for it before answering 503.</summary>
public sealed class ProcessorClientOptions
{
    public const string Section = "Processor";

    /// <summary>Resolved by service discovery: the AppHost's "processor" resource.</summary>
    [Required]
    public string BaseAddress { get; set; } = "https+http://processor";

    /// <summary>Queueing a study, reading a result document, saving a review, deleting: each answered in milliseconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:05:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// An image: drawing it, and first rebuilding the study's view from storage when it is not in memory (3 s for 324
    /// slices on the bench machine, bench/README.md).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ImageTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// With this share of calls failing (at least <see cref="BreakMinimumCalls"/> in 15 s), the gateway stops calling
    /// the processor for <see cref="BreakDuration"/> and answers 503 at once, then lets one call through to probe.
    /// </summary>
    [Range(0.01, 1.0)]
    public double BreakFailureRatio { get; set; } = 0.5;

    [Range(2, 1000)]
    public int BreakMinimumCalls { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the gateway's health check waits for the processor's <c>/health</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:01:00")]
    public TimeSpan HealthTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
