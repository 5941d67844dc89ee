using System.Globalization;

namespace HeadCt.Gateway.Audit;

/// <summary>
/// One append blob per UTC hour, <c>yyyy/MM/dd/HH.jsonl</c>, an event per line. An hour keeps each blob well under
/// the 50 000 blocks an append blob may hold, and a day's events are one prefix listing away.
/// </summary>
public static class AuditBlobLayout
{
    public static string HourBlob(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy'/'MM'/'dd'/'HH'.jsonl'", CultureInfo.InvariantCulture);

    public static string DayPrefix(DateTime utcDay) => utcDay.ToString("yyyy'/'MM'/'dd'/'", CultureInfo.InvariantCulture);

    /// <summary>The hour a blob holds, or null for a name not of this layout.</summary>
    public static DateTimeOffset? HourOf(string blobName) =>
        DateTime.TryParseExact(blobName, "yyyy'/'MM'/'dd'/'HH'.jsonl'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var hour)
            ? new DateTimeOffset(hour, TimeSpan.Zero)
            : null;
}
