using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HeadCt.Processor.Results;

/// <summary>Reports the cache; registered as "degraded" on failure since reads fall back to blob storage.</summary>
internal sealed class CacheHealthCheck(ResultCache cache) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await cache.PingAsync()
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, "The result cache does not answer; reads use blob storage.");
}
