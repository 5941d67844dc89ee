namespace HeadCt.Gateway.Audit;

/// <summary>The action an audited request stands for, from its route and method.</summary>
public static class AuditActions
{
    public const string Upload = "upload";
    public const string ViewResult = "view-result";
    public const string ViewImages = "view-images";
    public const string Review = "review";
    public const string Delete = "delete";
    public const string ReadAudit = "read-audit";

    /// <summary>Requests without a valid credential (401, or 429 once the address is throttled), counted per address and minute.</summary>
    public const string AuthenticationFailed = "authentication-failed";

    /// <summary>Requests refused by a rate or concurrency limit (429), counted per caller, address and minute.</summary>
    public const string RateLimited = "rate-limited";

    /// <summary>The action, or for a route not listed here its method and route pattern (so new routes are audited too).</summary>
    public static string Of(string method, string routePattern) => (method, routePattern) switch
    {
        ("POST", "/upload" or "/dicom-web/studies" or "/dicom-web/studies/{study}") => Upload,
        ("GET", "/results/{id}") => ViewResult,
        ("PUT", "/results/{id}") => Review,
        ("DELETE", "/results/{id}") => Delete,
        ("GET", "/audit") => ReadAudit,
        ("GET" or "HEAD", _) when IsImageRoute(routePattern) => ViewImages,
        _ => $"{method} {routePattern}",
    };

    private static bool IsImageRoute(string routePattern) =>
        routePattern.StartsWith("/projections/", StringComparison.Ordinal) ||
        routePattern.StartsWith("/attention-maps/", StringComparison.Ordinal) ||
        routePattern.StartsWith("/studies/{id}/slices/", StringComparison.Ordinal);
}
