using System.Diagnostics.CodeAnalysis;

namespace HeadCt.Services.Common.Storage;

/// <summary>Study ids are 32 lowercase hex digits (a GUID, "N" format); anything else names no study.</summary>
public static class StudyId
{
    public static string New() => Guid.NewGuid().ToString("N");

    public static bool IsValid([NotNullWhen(true)] string? value)
    {
        if (value is null || value.Length != 32)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        return true;
    }
}
