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
}
