using System.Security.Claims;

namespace HeadCt.Gateway.Security;

/// <summary>
/// Who a review is recorded as: the authenticated principal, never what the client typed. An API key's configured
/// name; for a bearer token its display name (<c>name</c>, then <c>preferred_username</c>), else its subject.
/// </summary>
public static class ReviewerName
{
    public static string Of(ClaimsPrincipal user)
    {
        if (user.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName)
        {
            return user.Identity.Name ?? "(unnamed)";
        }

        return user.FindFirst("name")?.Value ?? user.FindFirst("preferred_username")?.Value ?? user.Identity?.Name ?? "(unnamed)";
    }
}
