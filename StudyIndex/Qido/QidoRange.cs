using HeadCt.StudyIndex.Attributes;

namespace HeadCt.StudyIndex.Qido;

/// <summary>
/// A DA or TM key as single value or range (PS3.4 §C.2.2.2.5): "A", "A-B", "A-" or "-B", both bounds inclusive and
/// normalised to the index's spelling; a time upper bound given to the hour or minute reaches its last microsecond.
/// </summary>
public sealed record QidoRange(string? Lower, string? Upper)
{
    public bool IsSingleValue => Lower is not null && Lower == Upper;

    public static QidoRange Parse(IndexedAttribute attribute, string value)
    {
        var isDate = attribute.Match == MatchKind.Date;
        var dash = value.IndexOf('-');
        if (dash < 0)
        {
            var single = Normalize(attribute, value, isDate, '0');
            return new QidoRange(single, isDate ? single : Normalize(attribute, value, isDate, '9'));
        }

        if (value.IndexOf('-', dash + 1) >= 0 || value.Length == 1)
        {
            throw Malformed(attribute, value);
        }

        var lower = dash == 0 ? null : Normalize(attribute, value[..dash], isDate, '0');
        var upper = dash == value.Length - 1 ? null : Normalize(attribute, value[(dash + 1)..], isDate, '9');
        if (lower is not null && upper is not null && string.CompareOrdinal(lower, upper) > 0)
        {
            throw new QidoQueryException($"{attribute.Keyword}: the range '{value}' ends before it starts.");
        }

        return new QidoRange(lower, upper);
    }

    private static string Normalize(IndexedAttribute attribute, string text, bool isDate, char fill) =>
        (isDate ? DicomDateTimeText.NormalizeDate(text) : DicomDateTimeText.NormalizeTime(text, fill))
        ?? throw Malformed(attribute, text);

    private static QidoQueryException Malformed(IndexedAttribute attribute, string value) =>
        new($"{attribute.Keyword}: '{value}' is not a {(attribute.Match == MatchKind.Date ? "date (YYYYMMDD)" : "time (HHMMSS.FFFFFF)")} or a range of them (A-B, A-, -B).");
}
