namespace HeadCt.Processor.Queue;

/// <summary>The body of a message on the job queue.</summary>
public sealed record JobMessage(string Id);
