using System.ComponentModel.DataAnnotations;

namespace HeadCt.Gateway.Security.Limits;

/// <summary>
/// <c>RateLimits</c>: per credential (API key name or token subject) and per client address, fixed one-minute windows
/// and concurrency caps. A request over any of them gets 429 with <c>Retry-After</c> and the limit's name. The
/// defaults are far above what a reader's page or a PACS bridge sends and bound what one runaway client can take.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Failed authentications (401) from one address per <see cref="AuthenticationFailureWindow"/>; after that its unauthenticated requests get 429.</summary>
    [Range(1, 1_000_000)]
    public int AuthenticationFailuresPerMinutePerAddress { get; set; } = 30;

    /// <summary>The window the failures are counted in (a minute; tests shorten it).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan AuthenticationFailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    [Range(1, 1_000_000)]
    public int UploadsPerMinutePerCredential { get; set; } = 120;

    /// <summary>Uploads of one credential in progress at once (bench/Load runs 20).</summary>
    [Range(1, 10_000)]
    public int ConcurrentUploadsPerCredential { get; set; } = 32;

    [Range(1, 10_000)]
    public int ConcurrentUploadsPerAddress { get; set; } = 64;

    /// <summary>Every other API request (reads, reviews, deletes) of one credential per minute.</summary>
    [Range(1, 10_000_000)]
    public int RequestsPerMinutePerCredential { get; set; } = 20_000;

    [Range(1, 10_000_000)]
    public int RequestsPerMinutePerAddress { get; set; } = 40_000;
}
