using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Security.Limits;

/// <summary>
/// Failed authentications per client address in one-minute windows. Once an address has used its
/// <see cref="RateLimitOptions.AuthenticationFailuresPerMinutePerAddress"/>, its requests that carry no valid
/// credential get 429 with Retry-After until the window ends; a valid credential from the same address (one NAT for a
/// whole hospital) is still served.
/// </summary>
public sealed class AuthenticationFailureThrottle(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.AuthenticationFailuresPerMinutePerAddress,
            Window = options.Value.AuthenticationFailureWindow,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Null while the address may still fail; else how long until it may again.</summary>
    public TimeSpan? BlockedFor(string address)
    {
        using var probe = _failures.AttemptAcquire(address, 0);
        return probe.IsAcquired ? null
            : probe.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void CountFailure(string address)
    {
        using var _ = _failures.AttemptAcquire(address, 1);
    }

    public void Dispose() => _failures.Dispose();
}
