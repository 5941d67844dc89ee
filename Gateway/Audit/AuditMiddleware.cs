using HeadCt.Gateway.Security;
using HeadCt.Services.Common.Storage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace HeadCt.Gateway.Audit;

/// <summary>
/// Records every authenticated API request in the audit trail before its answer leaves. The answer is held in memory
/// until the event is stored; when the trail cannot be written a successful answer is replaced by 503
/// <c>audit-unavailable</c>, so nothing is disclosed, and no change reported as done, without its record (an error
/// answer passes with the loss logged as an error). (Answers of this API are documents
/// and PNGs of a few hundred KB at most; uploads stream in, only their small answer is held.)
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, IAuditTrail trail, TimeProvider time, ILogger<AuditMiddleware> logger)
{
    public const string UnavailableType = "https://headct.dev/problems/audit-unavailable";
    private const int MaxUserAgentLength = 256;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true || PublicPaths.Contains(context.Request) ||
            context.GetEndpoint() is not RouteEndpoint { RoutePattern.RawText: { } pattern })
        {
            await next(context);
            return;
        }

        var originalBody = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var buffer = new MemoryStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(buffer));
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set(originalBody);
        }

        var auditEvent = Describe(context, pattern);
        try
        {
            await trail.AppendAsync(auditEvent, context.RequestAborted);
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            AuditLog.AppendFailed(logger, auditEvent.Action, auditEvent.StudyId ?? "-", auditEvent.Status, exception);
            if (auditEvent.Status < StatusCodes.Status400BadRequest)
            {
                await WriteUnavailableAsync(context);
                return;
            }

            // A refused or failed request disclosed and changed nothing: its own answer (often "storage unavailable",
            // the very reason the trail failed) is more useful than ours; the lost event is in the error log.
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private AuditEvent Describe(HttpContext context, string pattern)
    {
        var user = context.User;
        var userAgent = context.Request.Headers.UserAgent.ToString();
        return new AuditEvent(
            Guid.NewGuid().ToString("N"),
            time.GetUtcNow(),
            user.Identity?.Name ?? "(unnamed)",
            user.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName ? "api-key" : "bearer",
            AuditActions.Of(context.Request.Method, pattern),
            StudyOf(context),
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Response.StatusCode,
            context.Connection.RemoteIpAddress?.ToString(),
            userAgent.Length > MaxUserAgentLength ? userAgent[..MaxUserAgentLength] : userAgent);
    }

    /// <summary>The study from the route, or for an upload from the Location of its answer.</summary>
    private static string? StudyOf(HttpContext context)
    {
        if (context.Request.RouteValues.TryGetValue("id", out var routeId) && routeId is string id && StudyId.IsValid(id))
        {
            return id;
        }

        var location = context.Response.Headers.Location.ToString();
        const string resultsPrefix = "/results/";
        return location.StartsWith(resultsPrefix, StringComparison.Ordinal) && StudyId.IsValid(location[resultsPrefix.Length..])
            ? location[resultsPrefix.Length..]
            : null;
    }

    private static async Task WriteUnavailableAsync(HttpContext context)
    {
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = UnavailableType,
                Title = "The audit trail is unavailable.",
                Detail = "The request was not answered because its audit record could not be stored. A change it made " +
                         "(upload, review, delete) may have taken effect: read the study before repeating it.",
            },
        });
    }
}
