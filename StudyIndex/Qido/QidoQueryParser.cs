using System.Globalization;
using HeadCt.Dicom;
using HeadCt.StudyIndex.Attributes;

namespace HeadCt.StudyIndex.Qido;

/// <summary>
/// Reads the query parameters of a QIDO-RS request (PS3.18 §8.3.4): <c>{attributeID}={value}</c> matching keys,
/// <c>includefield</c> (repeated or comma-separated, or <c>all</c>), <c>limit</c>, <c>offset</c> and
/// <c>fuzzymatching</c>. An attribute id that is neither a keyword we know nor an eight-digit tag, a malformed date
/// or time range, a non-numeric integer or a UID with other characters than digits and dots is a 400; a well-formed
/// key we cannot match on (a sequence path, an attribute without a column) is ignored and named in a warning.
/// </summary>
public static class QidoQueryParser
{
    public const int DefaultLimit = 100;

    public static QidoQuery Parse(
        QidoLevel level, string? studyInstanceUid, string? seriesInstanceUid,
        IEnumerable<KeyValuePair<string, string?[]>> parameters, int maxLimit)
    {
        var matches = new List<QidoMatch>();
        var include = new List<DicomTag>();
        var ignored = new List<string>();
        var includeAll = false;
        var limit = Math.Min(DefaultLimit, maxLimit);
        var offset = 0;

        foreach (var (key, values) in parameters)
        {
            foreach (var value in values)
            {
                var text = value ?? string.Empty;
                switch (key.ToLowerInvariant())
                {
                    case "includefield":
                        foreach (var field in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        {
                            if (field.Equals("all", StringComparison.OrdinalIgnoreCase))
                            {
                                includeAll = true;
                            }
                            else if (DicomKeywords.TryResolve(field, out var tag))
                            {
                                include.Add(tag);
                            }
                            else
                            {
                                throw new QidoQueryException($"includefield '{field}' is neither a DICOM keyword nor a tag (eight hex digits).");
                            }
                        }

                        break;
                    case "limit":
                        limit = Math.Min(ParseCount(key, text, minimum: 1), maxLimit);
                        break;
                    case "offset":
                        offset = ParseCount(key, text, minimum: 0);
                        break;
                    case "fuzzymatching":
                        if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
                        {
                            ignored.Add("fuzzymatching");
                        }
                        else if (!text.Equals("false", StringComparison.OrdinalIgnoreCase))
                        {
                            throw new QidoQueryException("fuzzymatching is true or false.");
                        }

                        break;
                    default:
                        AddMatch(level, key, text, matches, ignored);
                        break;
                }
            }
        }

        return new QidoQuery
        {
            Level = level,
            StudyInstanceUid = studyInstanceUid,
            SeriesInstanceUid = seriesInstanceUid,
            Matches = matches,
            IncludeFields = include,
            IncludeAll = includeAll,
            Limit = limit,
            Offset = offset,
            Ignored = ignored,
        };
    }

    private static void AddMatch(QidoLevel level, string key, string value, List<QidoMatch> matches, List<string> ignored)
    {
        if (key.Contains('.', StringComparison.Ordinal))
        {
            // A sequence path (PS3.18 §8.3.4.1, e.g. 00400275.00401001): well formed, not matched by this index.
            foreach (var part in key.Split('.'))
            {
                if (!DicomKeywords.TryResolve(part, out _))
                {
                    throw new QidoQueryException($"'{key}' is not an attribute path of keywords or tags.");
                }
            }

            ignored.Add(key);
            return;
        }

        if (!DicomKeywords.TryResolve(key, out var tag))
        {
            throw new QidoQueryException($"'{key}' is not a DICOM keyword or tag this service knows, nor a query parameter (includefield, limit, offset, fuzzymatching).");
        }

        if (IndexedAttributes.Find(tag, level) is not { } attribute || attribute.Match == MatchKind.ReturnOnly)
        {
            ignored.Add(key);
            return;
        }

        Validate(attribute, value);
        matches.Add(new QidoMatch(attribute, value));
    }

    private static void Validate(IndexedAttribute attribute, string value)
    {
        if (value.Length == 0)
        {
            return;
        }

        switch (attribute.Match)
        {
            case MatchKind.Uid:
                foreach (var uid in UidList(value))
                {
                    if (uid.Length is 0 or > 64 || uid.Any(c => !char.IsAsciiDigit(c) && c != '.'))
                    {
                        throw new QidoQueryException($"{attribute.Keyword}: '{uid}' is not a UID (digits and dots, at most 64).");
                    }
                }

                break;
            case MatchKind.Date or MatchKind.Time:
                _ = QidoRange.Parse(attribute, value);
                break;
            case MatchKind.Integer when !int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _):
                throw new QidoQueryException($"{attribute.Keyword} is an integer; '{value}' is not.");
        }
    }

    /// <summary>UID list matching (PS3.4 §C.2.2.2.2): values separated by backslash or, as PS3.18 allows, commas.</summary>
    public static string[] UidList(string value) =>
        value.Split(['\\', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static int ParseCount(string key, string text, int minimum) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= minimum
            ? count
            : throw new QidoQueryException($"{key} is a whole number of at least {minimum}.");
}
