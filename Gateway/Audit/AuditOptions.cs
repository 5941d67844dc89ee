using System.ComponentModel.DataAnnotations;

namespace HeadCt.Gateway.Audit;

/// <summary><c>Audit</c>: where the trail lives, how its blobs roll, how writes are batched and how much one query reads.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>A container of its own, so its access (and an Azure immutability policy) can differ from the DICOM data's.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$")]
    public string Container { get; set; } = "audit";

    [Range(typeof(TimeSpan), "01:00:00", "366.00:00:00")]
    public TimeSpan MaxQueryRange { get; set; } = TimeSpan.FromDays(31);

    /// <summary>A new append blob is started once this many blocks were appended (Azure's hard limit is 50,000).</summary>
    [Range(1, 49_000)]
    public int MaxBlocksPerBlob { get; set; } = 40_000;

    /// <summary>A new append blob is started before it would grow past this.</summary>
    [Range(64 * 1024, 100L << 30)]
    public long MaxBlobBytes { get; set; } = 64L << 20;

    /// <summary>Events written together as one block (requests arriving together share one append).</summary>
    [Range(1, 10_000)]
    public int MaxBatchEvents { get; set; } = 500;

    /// <summary>How long a request waits for its event to be stored before the write counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan AppendTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Pause between retries of events that could not be written (the outbox).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Events kept for retry while storage is away; beyond this the oldest are dropped (logged as critical).</summary>
    [Range(100, 10_000_000)]
    public int MaxPendingEvents { get; set; } = 100_000;

    /// <summary>Requests refused in bulk (failed authentication, rate limits) are counted per source over this window, one event each.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan AggregationWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Events per page of <c>GET /audit</c> (the query's <c>limit</c> may ask for fewer).</summary>
    [Range(1, 100_000)]
    public int MaxPageSize { get; set; } = 1000;
}
