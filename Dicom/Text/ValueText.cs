using System.Text;

namespace HeadCt.Dicom.Text;

/// <summary>Splitting and trimming of character string values (PS3.5 §6.2).</summary>
internal static class ValueText
{
    public static string Decode(ReadOnlySpan<byte> bytes, Encoding encoding) =>
        bytes.IsEmpty ? string.Empty : encoding.GetString(bytes);

    /// <summary>Removes padding: trailing spaces and NULs always, leading spaces except for LT, ST, UT.</summary>
    public static string Trim(string value, DicomVr vr) =>
        vr.IsSingleValuedText && vr != DicomVr.UR ? value.TrimEnd(' ', '\0') : value.Trim(' ', '\0');

    public static string[] Split(string text, DicomVr vr)
    {
        if (vr.IsSingleValuedText)
            return [Trim(text, vr)];
        var parts = text.Split('\\');
        for (var i = 0; i < parts.Length; i++)
            parts[i] = Trim(parts[i], vr);
        return parts;
    }

    /// <summary>The byte range of the value at <paramref name="index"/> in a backslash-separated ASCII value, padding trimmed.</summary>
    public static bool TrySliceValue(ReadOnlySpan<byte> bytes, int index, out ReadOnlySpan<byte> value)
    {
        for (var i = 0; i < index; i++)
        {
            var separator = bytes.IndexOf((byte)'\\');
            if (separator < 0)
            {
                value = default;
                return false;
            }
            bytes = bytes[(separator + 1)..];
        }
        var end = bytes.IndexOf((byte)'\\');
        value = TrimPadding(end < 0 ? bytes : bytes[..end]);
        return !value.IsEmpty;
    }

    public static int CountValues(ReadOnlySpan<byte> bytes) =>
        TrimPadding(bytes).IsEmpty ? 0 : bytes.Count((byte)'\\') + 1;

    public static ReadOnlySpan<byte> TrimPadding(ReadOnlySpan<byte> bytes)
    {
        var start = 0;
        while (start < bytes.Length && (bytes[start] == ' ' || bytes[start] == 0))
            start++;
        var end = bytes.Length;
        while (end > start && (bytes[end - 1] == ' ' || bytes[end - 1] == 0))
            end--;
        return bytes[start..end];
    }
}
