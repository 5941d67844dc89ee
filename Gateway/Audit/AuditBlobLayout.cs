using System.Globalization;

namespace HeadCt.Gateway.Audit;

/// <summary>
/// Append blobs under a UTC day, <c>yyyy/MM/dd/HHmmssfff-{writer}-{n}.jsonl</c>, named by the time they were started
/// and the gateway instance writing them, an event per line. A blob is rolled by size and block count, not by hour,
/// so no rate of requests can fill one; it is also rolled at midnight, so a day's events are one prefix listing away.
/// Blobs of the earlier hourly layout (<c>yyyy/MM/dd/HH.jsonl</c>) are still read.
/// </summary>
public static class AuditBlobLayout
{
    public static string Blob(DateTimeOffset started, string writer, int sequence) =>
        started.UtcDateTime.ToString("yyyy'/'MM'/'dd'/'HHmmssfff", CultureInfo.InvariantCulture) +
        $"-{writer}-{sequence.ToString("D4", CultureInfo.InvariantCulture)}.jsonl";

    public static string DayPrefix(DateTime utcDay) => utcDay.ToString("yyyy'/'MM'/'dd'/'", CultureInfo.InvariantCulture);

    /// <summary>When a blob was started (its hour for the hourly layout), or null for a name not of either layout.</summary>
    public static DateTimeOffset? StartOf(string blobName)
    {
        const string styles = "yyyy'/'MM'/'dd'/'";
        if (!blobName.EndsWith(".jsonl", StringComparison.Ordinal) || blobName.Length < 14)
        {
            return null;
        }

        var timeLength = blobName.IndexOf('-', 11) is var dash and > 0 ? dash : blobName.Length - ".jsonl".Length;
        var formats = new[] { styles + "HHmmssfff", styles + "HH" };
        return DateTime.TryParseExact(blobName[..timeLength], formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var start)
            ? new DateTimeOffset(start, TimeSpan.Zero)
            : null;
    }
}
