namespace HeadCt.Processor.Results;

/// <summary>What people wrote about the result: a comment, a review, free tags.</summary>
public sealed record ResultMetadata(string? Comment, Review? Review, IReadOnlyDictionary<string, string> Tags);

/// <summary>A reader's verdict: agree, disagree or uncertain.</summary>
public sealed record Review(string Decision, string? Reviewer, DateTimeOffset ReviewedAt);
