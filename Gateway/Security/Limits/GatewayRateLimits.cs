using System.Globalization;
using System.Threading.RateLimiting;
using HeadCt.Gateway.Audit;
using HeadCt.Services.Common.Problems;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Security.Limits;

/// <summary>
/// ASP.NET Core's rate limiter with one global chain: upload concurrency per credential and per address, uploads per
/// minute per credential, other API requests per minute per credential and per address. Anonymous paths (the page,
/// health, OpenAPI) are never limited. A refusal is 429 problem details naming the limit, with <c>Retry-After</c>, and is
/// counted (not logged one by one) in the audit trail.
/// </summary>
public static class GatewayRateLimits
{
    private const string RefusedLimitItem = "headct.rate-limit";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddGatewayRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AuthenticationFailureThrottle>();
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, settings) =>
        {
            var limits = settings.Value;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                Concurrency(nameof(RateLimitOptions.ConcurrentUploadsPerCredential), limits.ConcurrentUploadsPerCredential,
                    context => RequestClass.IsUpload(context.Request) ? RequestClass.Credential(context.User) : null),
                Concurrency(nameof(RateLimitOptions.ConcurrentUploadsPerAddress), limits.ConcurrentUploadsPerAddress,
                    context => RequestClass.IsUpload(context.Request) ? RequestClass.Address(context) : null),
                PerMinute(nameof(RateLimitOptions.UploadsPerMinutePerCredential), limits.UploadsPerMinutePerCredential,
                    context => RequestClass.IsUpload(context.Request) ? RequestClass.Credential(context.User) : null),
                PerMinute(nameof(RateLimitOptions.RequestsPerMinutePerCredential), limits.RequestsPerMinutePerCredential,
                    context => RequestClass.IsUpload(context.Request) ? null : RequestClass.Credential(context.User)),
                PerMinute(nameof(RateLimitOptions.RequestsPerMinutePerAddress), limits.RequestsPerMinutePerAddress,
                    context => RequestClass.IsUpload(context.Request) ? null : RequestClass.Address(context)));
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) => WriteRefusalAsync(rejected.HttpContext, rejected.Lease);
        });
        services.AddRateLimiter(_ => { });
        return services;
    }

    /// <summary>After authentication (credentials are known), before the audit trail (refusals are counted, not recorded singly).</summary>
    public static WebApplication UseGatewayRateLimits(this WebApplication app)
    {
        app.UseMiddleware<AuthenticationFailureMiddleware>();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>429 problem details with Retry-After (whole seconds, at least 1) and the limit's name.</summary>
    internal static async ValueTask WriteTooManyAsync(HttpContext context, string limit, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = ProblemTypes.TooManyRequests,
                Title = "Too many requests.",
                Detail = $"The limit RateLimits:{limit} was reached. Retry after {seconds} s.",
                Extensions = { ["limit"] = limit },
            },
        });
    }

    private static async ValueTask WriteRefusalAsync(HttpContext context, RateLimitLease lease)
    {
        var limit = context.Items[RefusedLimitItem] as string ?? "RateLimits";
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        context.RequestServices.GetRequiredService<AuditAggregator>().Count(context, AuditActions.RateLimited, StatusCodes.Status429TooManyRequests);
        await WriteTooManyAsync(context, limit, retryAfter);
    }

    // The chain asks its limiters in order and stops at the first refusal, so the last partition chosen names the limit.
    private static PartitionedRateLimiter<HttpContext> PerMinute(string limit, int permits, Func<HttpContext, string?> key) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context => Choose(context, limit, key) is { } partition
            ? RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits, Window = Window, QueueLimit = 0, AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter(""));

    private static PartitionedRateLimiter<HttpContext> Concurrency(string limit, int permits, Func<HttpContext, string?> key) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context => Choose(context, limit, key) is { } partition
            ? RateLimitPartition.GetConcurrencyLimiter(partition, _ => new ConcurrencyLimiterOptions { PermitLimit = permits, QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter(""));

    private static string? Choose(HttpContext context, string limit, Func<HttpContext, string?> key)
    {
        if (PublicPaths.Contains(context.Request) || key(context) is not { } partition)
        {
            return null;
        }

        context.Items[RefusedLimitItem] = limit;
        return partition;
    }
}
