namespace HeadCt.Processor.Results;

/// <summary>
/// The body of PUT /results/{id} (validated by the gateway, the public edge): replaces the metadata.
/// <see cref="Author"/> is the authenticated principal the gateway saw, never a value the client wrote.
/// </summary>
public sealed record MetadataUpdate(string? Comment, ReviewUpdate? Review, Dictionary<string, string>? Tags, string? Author = null)
{
    public ResultMetadata ToMetadata(DateTimeOffset now) => new(
        Comment,
        Review is { Decision: { } decision } review ? new Review(decision, review.Reviewer ?? Author, now) : null,
        Tags ?? new Dictionary<string, string>());
}

public sealed record ReviewUpdate(string? Decision, string? Reviewer);
