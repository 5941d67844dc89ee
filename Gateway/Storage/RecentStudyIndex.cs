using System.Globalization;

namespace HeadCt.Gateway.Storage;

/// <summary>
/// An empty marker blob per study, <c>recent/{inverted upload ticks}-{id}</c>. Blob listings are in name order, so
/// the newest studies come first and a list of N costs one listing page instead of reading every study record.
/// </summary>
public static class RecentStudyIndex
{
    public const string Prefix = "recent/";
    public const string FileCountMetadata = "filecount";

    private const int TicksDigits = 19;

    public static string Marker(string studyId, DateTimeOffset uploadedAt) =>
        $"{Prefix}{(DateTimeOffset.MaxValue.UtcTicks - uploadedAt.UtcTicks).ToString($"D{TicksDigits}", CultureInfo.InvariantCulture)}-{studyId}";

    /// <summary>The study a marker names, or null for a name this index did not write.</summary>
    public static RecentStudy? Parse(string blobName, IDictionary<string, string>? metadata)
    {
        var name = blobName.AsSpan();
        if (!name.StartsWith(Prefix) || name.Length <= Prefix.Length + TicksDigits + 1 || name[Prefix.Length + TicksDigits] != '-' ||
            !long.TryParse(name.Slice(Prefix.Length, TicksDigits), NumberStyles.None, CultureInfo.InvariantCulture, out var inverted) ||
            inverted > DateTimeOffset.MaxValue.UtcTicks)
        {
            return null;
        }

        var fileCount = 0;
        if (metadata?.TryGetValue(FileCountMetadata, out var count) == true)
        {
            int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out fileCount);
        }

        var uploadedAt = new DateTimeOffset(DateTimeOffset.MaxValue.UtcTicks - inverted, TimeSpan.Zero);
        return new RecentStudy(name[(Prefix.Length + TicksDigits + 1)..].ToString(), uploadedAt, fileCount);
    }
}
