using System.Diagnostics.CodeAnalysis;

namespace HeadCt.Gateway.Features.Ingest;

/// <summary>PS3.5 §9.1: a UID is at most 64 characters of digits and dots, components without leading zeros.</summary>
public static class DicomUids
{
    public static bool IsValid([NotNullWhen(true)] string? uid)
    {
        if (string.IsNullOrEmpty(uid) || uid.Length > 64 || uid[0] == '.' || uid[^1] == '.')
        {
            return false;
        }

        var componentStart = true;
        for (var i = 0; i < uid.Length; i++)
        {
            var c = uid[i];
            if (c == '.')
            {
                if (componentStart)
                {
                    return false;
                }

                componentStart = true;
                continue;
            }

            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            if (componentStart && c == '0' && i + 1 < uid.Length && uid[i + 1] != '.')
            {
                return false;
            }

            componentStart = false;
        }

        return true;
    }
}
