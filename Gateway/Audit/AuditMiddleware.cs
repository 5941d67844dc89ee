using HeadCt.Gateway.Security;
using HeadCt.Services.Common.Storage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace HeadCt.Gateway.Audit;

/// <summary>
/// Records every authenticated API request in the audit trail before its answer leaves. The answer is held in memory
/// until the event is stored (answers of this API are documents and PNGs of a few hundred KB at most, and a page of
/// the trail; uploads stream in, only their small answer is held). When the event cannot be stored in time it is
/// kept in the outbox and retried until written, and:
/// <list type="bullet">
/// <item>a read that succeeded is replaced by 503 <c>audit-unavailable</c>: nothing is disclosed without its record;</item>
/// <item>a change that was made (upload, review, delete) is answered as it is, so the client learns its result and
/// the study id, and the late record is logged as an error;</item>
/// <item>an error answer passes unchanged.</item>
/// </list>
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, IAuditTrail trail, TimeProvider time, ILogger<AuditMiddleware> logger)
{
    public const string UnavailableType = "https://headct.dev/problems/audit-unavailable";

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
            await trail.AppendAsync(auditEvent);
        }
        catch (Exception exception)
        {
            var withheld = auditEvent.Status < StatusCodes.Status400BadRequest && IsRead(context.Request);
            var answer = withheld ? StatusCodes.Status503ServiceUnavailable : auditEvent.Status;
            trail.Defer(auditEvent with { Status = answer });
            AuditLog.AppendFailed(logger, auditEvent.Action, auditEvent.StudyId ?? "-", auditEvent.Status, answer, exception);
            if (withheld)
            {
                await WriteUnavailableAsync(context);
                return;
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private static bool IsRead(HttpRequest request) => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);

    private AuditEvent Describe(HttpContext context, string pattern)
    {
        var user = context.User;
        return new AuditEvent(
            Guid.NewGuid().ToString("N"),
            time.GetUtcNow(),
            user.Identity?.Name ?? "(unnamed)",
            AuditCredential.Of(user),
            AuditActions.Of(context.Request.Method, pattern),
            StudyOf(context),
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Response.StatusCode,
            context.Connection.RemoteIpAddress?.ToString(),
            AuditCredential.UserAgent(context.Request));
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
                Detail = "The read was not answered because its audit record could not be stored in time. Retry later.",
            },
        });
    }
}
