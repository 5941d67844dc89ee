using HeadCt.Gateway.Audit;

namespace HeadCt.Gateway.Security.Limits;

/// <summary>
/// Counts every 401 per client address (<see cref="AuthenticationFailureThrottle"/>) and in the audit trail (one event
/// per address, outcome and minute, with the count), and answers 429 instead once the address is over its limit.
/// </summary>
internal sealed class AuthenticationFailureMiddleware(
    RequestDelegate next, AuthenticationFailureThrottle throttle, AuditAggregator audit)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated == true || PublicPaths.Contains(context.Request))
        {
            await next(context);
            return;
        }

        var address = RequestClass.Address(context);
        if (throttle.BlockedFor(address) is { } retryAfter)
        {
            audit.Count(context, AuditActions.AuthenticationFailed, StatusCodes.Status429TooManyRequests);
            await GatewayRateLimits.WriteTooManyAsync(context, nameof(RateLimitOptions.AuthenticationFailuresPerMinutePerAddress), retryAfter);
            return;
        }

        await next(context);
        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized)
        {
            throttle.CountFailure(address);
            audit.Count(context, AuditActions.AuthenticationFailed, StatusCodes.Status401Unauthorized);
        }
    }
}
