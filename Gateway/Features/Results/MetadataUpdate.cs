namespace HeadCt.Gateway.Features.Results;

/// <summary>The body of PUT /results/{id}: replaces the document's metadata as a whole.</summary>
public sealed record MetadataUpdate(string? Comment, ReviewUpdate? Review, Dictionary<string, string>? Tags);

/// <summary>A reader's verdict on the result: agree, disagree or uncertain.</summary>
public sealed record ReviewUpdate(string? Decision, string? Reviewer);
