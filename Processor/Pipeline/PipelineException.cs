namespace HeadCt.Processor.Pipeline;

/// <summary>A stage cannot make a result from the study's data; the message becomes the failure reason.</summary>
public sealed class PipelineException(string message, Exception? inner = null) : Exception(message, inner);
