using System.ComponentModel.DataAnnotations;

namespace HeadCt.AppHost.Supervision;

/// <summary><c>Supervision</c> (AppHost settings): restart crashed resources, within bounds.</summary>
internal sealed class SupervisionOptions
{
    public const string Section = "Supervision";

    public bool Enabled { get; set; } = true;

    /// <summary>Wait before the first restart of a crash; doubled for each further crash within <see cref="Window"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Restarts allowed within <see cref="Window"/>; a resource crashing more often is left down (logged as critical).</summary>
    [Range(1, 1000)]
    public int MaxRestarts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);
}
