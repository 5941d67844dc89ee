using System.ComponentModel.DataAnnotations;

namespace HeadCt.Gateway.Storage.Sweeping;

/// <summary><c>Sweeper</c>: how often the gateway looks for blobs of studies that never got a study record, and how old they must be.</summary>
public sealed class SweeperOptions
{
    public const string Section = "Sweeper";

    public bool Enabled { get; set; } = true;

    /// <summary>Pause between looks at the pending markers.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A study is left alone while its marker (or, in a full scan, its youngest blob) is younger than this: it may still
    /// be arriving. A session rewrites its marker with every instance once a quarter of this has passed, so this must
    /// exceed the time one file takes to arrive; the default is four times <c>Upload:MaxDuration</c>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How often every study prefix is listed too (for blobs left without a marker); null turns it off.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan? FullScanInterval { get; set; } = TimeSpan.FromDays(1);
}
