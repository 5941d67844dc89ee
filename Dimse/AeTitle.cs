namespace HeadCt.Dimse;

/// <summary>
/// Application Entity titles (PS3.5 Table 6.2-1, AE; PS3.8 §9.3.2): at most 16 characters of the default
/// repertoire without backslash or control characters, leading and trailing spaces not significant, never all spaces.
/// </summary>
public static class AeTitle
{
    public const int MaxLength = 16;

    public static bool IsValid(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
            return false;
        var trimmed = title.Trim(' ');
        if (trimmed.Length > MaxLength)
            return false;
        foreach (var c in trimmed)
        {
            if (c is < ' ' or > '~' or '\\')
                return false;
        }

        return true;
    }

    /// <summary>The 16-byte field of an association PDU, space padded.</summary>
    public static string Pad(string title)
    {
        var trimmed = title.Trim(' ');
        if (trimmed.Length > MaxLength)
            throw new ArgumentException($"An AE title has at most {MaxLength} characters: '{trimmed}'", nameof(title));
        return trimmed.PadRight(MaxLength);
    }

    /// <summary>Reads the 16-byte field; non-printable bytes become '?' (so such a title is never valid, nor a log hazard).</summary>
    public static string FromPdu(ReadOnlySpan<byte> field) => Pdus.ItemReader.Ascii(field).Replace('\0', ' ').Trim(' ');

    /// <summary>AE titles compare after trimming, case-sensitively (PS3.8 leaves case significant; DCMTK does too).</summary>
    public static bool AreEqual(string? a, string? b) => string.Equals(a?.Trim(' '), b?.Trim(' '), StringComparison.Ordinal);
}
