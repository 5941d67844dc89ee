using System.ComponentModel.DataAnnotations;

namespace HeadCt.Processor.Pipeline;

public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>
    /// Test-only: a pause before the stages, so end-to-end tests can stop the processor while a job is running.
    /// Zero in every real deployment.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan TestDelay { get; set; } = TimeSpan.Zero;

    /// <summary>A chosen series with fewer distinct slice positions fails the study (a permanent failure).</summary>
    [Range(2, 100_000)]
    public int MinimumSlices { get; set; } = 3;

    /// <summary>Thickness of the MIP/MinIP/mean slabs rendered for every plane and window.</summary>
    [Range(1.0, 100.0)]
    public double SlabMm { get; set; } = 10;

    /// <summary>Instance blobs a job downloads at the same time.</summary>
    [Range(1, 64)]
    public int DownloadParallelism { get; set; } = 8;
}
