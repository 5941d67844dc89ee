using Azure;

namespace HeadCt.Processor.Results;

/// <summary>RFC 9110 §8.8.3 entity tags as sent in ETag / If-Match headers: the blob ETag, quoted.</summary>
public static class EntityTags
{
    public static string Format(ETag etag)
    {
        var value = etag.ToString();
        return value.StartsWith('"') || value.StartsWith("W/", StringComparison.Ordinal) ? value : $"\"{value}\"";
    }

    /// <summary>RFC 9110 §13.1.1: "*" or any listed tag, compared strongly.</summary>
    public static bool Matches(string ifMatch, string current)
    {
        foreach (var candidate in ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate == "*" || string.Equals(candidate, current, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
