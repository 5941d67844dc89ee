using System.ComponentModel.DataAnnotations;

namespace HeadCt.StudyIndex;

/// <summary>The <c>Index</c> section: how the outbox reconciler runs and how far queries may reach.</summary>
public sealed class IndexOptions
{
    public const string Section = "Index";

    /// <summary>How often the reconciler looks for markers a writer left behind.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How old a marker must be before it counts as left behind (longer than any upload's record write).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ReconcileGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The most results one QIDO-RS request returns (its limit is capped here).</summary>
    [Range(1, 10_000)]
    public int MaxQueryResults { get; set; } = 1000;

    /// <summary>How long one index query may run.</summary>
    [Range(1, 300)]
    public int CommandTimeoutSeconds { get; set; } = 15;
}
