namespace HeadCt.Processor.Results;

/// <summary>
/// One saved change of the comment or the decision: who saved it (the authenticated principal), when, and what the
/// comment and decision were afterwards. Appended, never rewritten, so an earlier verdict stays on record.
/// </summary>
public sealed record ReviewHistoryEntry(string? Decision, string? Comment, string? Reviewer, DateTimeOffset SavedAt)
{
    /// <summary>The entry for <paramref name="after"/> when it changes the comment or the decision of <paramref name="before"/>; else null.</summary>
    public static ReviewHistoryEntry? Of(ResultMetadata before, ResultMetadata after, string? author, DateTimeOffset now) =>
        before.Comment == after.Comment && before.Review?.Decision == after.Review?.Decision
            ? null
            : new ReviewHistoryEntry(after.Review?.Decision, after.Comment, after.Review?.Reviewer ?? author, now);
}
