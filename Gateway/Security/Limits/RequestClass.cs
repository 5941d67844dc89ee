using System.Security.Claims;

namespace HeadCt.Gateway.Security.Limits;

/// <summary>Who a request counts against: its credential (kind and name) and its client address.</summary>
internal static class RequestClass
{
    public static bool IsUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals("/upload", StringComparison.OrdinalIgnoreCase);

    /// <summary>"api-key:name" or "bearer:subject"; null when the request is not authenticated.</summary>
    public static string? Credential(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true } identity ? $"{identity.AuthenticationType}:{identity.Name}" : null;

    public static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
