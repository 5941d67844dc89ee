namespace HeadCt.Gateway.Features.Results;

/// <summary>Bounds on client-written metadata, so a result document stays small and its tags usable as keys.</summary>
public static class MetadataValidator
{
    public const int MaxCommentLength = 4000;
    public const int MaxReviewerLength = 200;
    public const int MaxTags = 32;
    public const int MaxTagKeyLength = 64;
    public const int MaxTagValueLength = 256;
    public static readonly string[] Decisions = ["agree", "disagree", "uncertain"];

    /// <summary>Errors by JSON path, empty when the update is valid.</summary>
    public static Dictionary<string, string[]> Validate(MetadataUpdate update)
    {
        var errors = new Dictionary<string, string[]>();
        if (update.Comment is { Length: > MaxCommentLength })
        {
            errors["comment"] = [$"At most {MaxCommentLength} characters."];
        }

        if (update.Review is { } review)
        {
            if (review.Decision is null || Array.IndexOf(Decisions, review.Decision) < 0)
            {
                errors["review.decision"] = [$"One of: {string.Join(", ", Decisions)}."];
            }

            if (review.Reviewer is { Length: > MaxReviewerLength })
            {
                errors["review.reviewer"] = [$"At most {MaxReviewerLength} characters."];
            }
        }

        if (update.Tags is { } tags)
        {
            if (tags.Count > MaxTags)
            {
                errors["tags"] = [$"At most {MaxTags} tags."];
            }

            foreach (var (key, value) in tags)
            {
                if (!IsValidKey(key))
                {
                    errors[$"tags.{key}"] = [$"Keys are 1-{MaxTagKeyLength} characters of letters, digits, '.', '_', ':' or '-'."];
                }
                else if (value is null || value.Length > MaxTagValueLength)
                {
                    errors[$"tags.{key}"] = [$"Values are strings of at most {MaxTagValueLength} characters."];
                }
            }
        }

        return errors;
    }

    private static bool IsValidKey(string key)
    {
        if (key.Length is 0 or > MaxTagKeyLength)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or ':' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
