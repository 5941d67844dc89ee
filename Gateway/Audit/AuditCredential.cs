using System.Security.Claims;
using HeadCt.Gateway.Security;

namespace HeadCt.Gateway.Audit;

/// <summary>How a request identified itself, in the trail's words: <c>api-key</c>, <c>bearer</c> or <c>none</c>.</summary>
internal static class AuditCredential
{
    private const int MaxUserAgentLength = 256;

    public static string Of(ClaimsPrincipal user) =>
        user.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName ? "api-key" : "bearer";

    /// <summary>What an unauthenticated request presented (its credential failed or was absent).</summary>
    public static string Presented(HttpRequest request) =>
        request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) ? "api-key"
        : request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? "bearer"
        : "none";

    public static string UserAgent(HttpRequest request)
    {
        var userAgent = request.Headers.UserAgent.ToString();
        return userAgent.Length > MaxUserAgentLength ? userAgent[..MaxUserAgentLength] : userAgent;
    }
}
