using System.ComponentModel.DataAnnotations;

namespace HeadCt.Processor.Results;

public sealed class ResultCacheOptions
{
    public const string Section = "Cache";

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Connect and command timeout: a slow cache must cost less than reading blob storage.</summary>
    [Range(50, 30_000)]
    public int TimeoutMilliseconds { get; set; } = 1000;

    /// <summary>After a cache failure, how long to go straight to blob storage before trying the cache again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
