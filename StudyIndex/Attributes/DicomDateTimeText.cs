namespace HeadCt.StudyIndex.Attributes;

/// <summary>
/// DA and TM values in the one spelling the index stores and compares (PS3.5 Table 6.2-1): dates as YYYYMMDD
/// (the ACR-NEMA form YYYY.MM.DD accepted), times as HHMMSS.FFFFFF with omitted trailing parts filled in.
/// </summary>
public static class DicomDateTimeText
{
    /// <summary>YYYYMMDD, or null when the value is not a date.</summary>
    public static string? NormalizeDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (text.Length == 10 && text[4] == '.' && text[7] == '.')
        {
            text = string.Concat(text.AsSpan(0, 4), text.AsSpan(5, 2), text.AsSpan(8, 2));
        }

        return text.Length == 8 && IsDigits(text) &&
               DateOnly.TryParseExact(text, "yyyyMMdd", out _) ? text : null;
    }

    /// <summary>
    /// HHMMSS.FFFFFF; an omitted part is filled with <paramref name="fill"/> ('0' for a value or a lower bound, '9' for
    /// an upper bound, so "-12" reaches 12:59:59.999999). Null when the value is not a time.
    /// </summary>
    public static string? NormalizeTime(string? value, char fill = '0')
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim().Replace(":", string.Empty, StringComparison.Ordinal);
        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? string.Empty : text[(dot + 1)..];
        if (whole.Length is not (2 or 4 or 6) || !IsDigits(whole) || fraction.Length > 6 || !IsDigits(fraction) ||
            (dot >= 0 && whole.Length != 6))
        {
            return null;
        }

        if (int.Parse(whole[..2]) > 23 || (whole.Length >= 4 && int.Parse(whole[2..4]) > 59) ||
            (whole.Length == 6 && int.Parse(whole[4..6]) > 60))
        {
            return null;
        }

        var filled = whole + (fill == '9' ? "5959"[..(6 - whole.Length)] : new string('0', 6 - whole.Length));
        return filled + "." + fraction.PadRight(6, fill == '9' ? '9' : '0');
    }

    private static bool IsDigits(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
