namespace HeadCt.Gateway.Features.Upload.Zip;

/// <summary>
/// Zip entry names that stay inside the archive's folder ("zip slip"): no parent segments, no absolute or drive
/// paths (APPNOTE 4.4.17: names are relative, '/' separated).
/// </summary>
public static class ZipEntryNames
{
    public static bool IsSafe(string fullName)
    {
        if (string.IsNullOrEmpty(fullName) || fullName.Contains('\0') || fullName.Contains(':'))
        {
            return false;
        }

        var normalized = fullName.Replace('\\', '/');
        if (normalized.StartsWith('/') || Path.IsPathRooted(fullName))
        {
            return false;
        }

        foreach (var segment in normalized.Split('/'))
        {
            if (segment == "..")
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsDirectory(string fullName) => fullName.EndsWith('/') || fullName.EndsWith('\\');
}
