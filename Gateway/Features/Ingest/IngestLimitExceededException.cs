namespace HeadCt.Gateway.Features.Ingest;

/// <summary>
/// Data crossed a configured bound while it was read; <see cref="Limit"/> is the option's name (e.g.
/// <c>MaxFileSizeBytes</c>, <c>MaxVoxelsPerStudy</c>). Thrown by the bounded streams and budgets of an ingest.
/// </summary>
public sealed class IngestLimitExceededException(string limit, string message) : Exception(message)
{
    public string Limit { get; } = limit;
}
