namespace HeadCt.Processor.Pipeline;

/// <summary>
/// A stage cannot make a result from the study's data; the message becomes the failure reason. A permanent failure
/// (the input itself is unusable: too few slices, mixed geometry, no CT series) ends the job at once instead of
/// being retried; <see cref="Output"/> carries what the stages found before it, for the result document.
/// </summary>
public sealed class PipelineException(string message, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; init; }

    public PipelineOutput? Output { get; init; }
}
