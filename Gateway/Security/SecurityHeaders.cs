namespace HeadCt.Gateway.Security;

/// <summary>
/// Headers on every answer, page and API alike: a Content-Security-Policy without inline scripts or styles (the page
/// is static ES modules and one stylesheet; images are object URLs of fetched PNGs), no framing, no MIME sniffing,
/// no referrer. The API reference at <c>/scalar</c> renders with an inline bootstrap script and styles of its own, so
/// it alone also allows inline script and style, still from this origin only.
/// </summary>
public static class SecurityHeaders
{
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        // Set as the answer starts, so an answer replaced on the way (Response.Clear) still carries them.
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() => Apply(context));
            return next(context);
        });
        return app;
    }

    private static Task Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar") ? ApiReferencePolicy : PagePolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        return Task.CompletedTask;
    }
}
