using System.ComponentModel.DataAnnotations;

namespace HeadCt.Gateway.Security;

/// <summary>Configuration section <c>Auth</c>: API keys for scripts and PACS bridges, and an optional OIDC issuer.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    public JwtOptions Jwt { get; set; } = new();

    public SignInOptions SignIn { get; set; } = new();
}

/// <summary>
/// <c>Auth:SignIn</c>: "Sign in with your organisation" on the web page, an authorization code flow with PKCE against
/// the issuer of <c>Auth:Jwt:Authority</c> as the public client <see cref="ClientId"/>. Off without a client id.
/// </summary>
public sealed class SignInOptions
{
    /// <summary>The page's client (application) id at the issuer, registered as a public client (SPA) with the page's and the viewer's URLs (/ and /viewer.html) as redirect URIs.</summary>
    public string? ClientId { get; set; }

    /// <summary>Scopes asked for; with Entra ID add the API's scope (<c>api://headct/access</c>) so the access token is for the gateway.</summary>
    public string Scope { get; set; } = "openid profile";

    /// <summary>The button's label on the page.</summary>
    public string Label { get; set; } = "Sign in with your organisation";
}

/// <summary><c>Auth:ApiKeys:N</c>: a named key with one role, given as its SHA-256 hex digest (or, for the development key, in plain).</summary>
public sealed class ApiKeyOptions
{
    [Required]
    public string Name { get; set; } = "";

    [Required]
    public string Role { get; set; } = "";

    /// <summary>Lowercase or uppercase hex SHA-256 of the key: `printf %s "$KEY" | sha256sum`.</summary>
    public string? Hash { get; set; }

    /// <summary>The key itself; meant for the AppHost's generated development key.</summary>
    public string? Key { get; set; }
}

/// <summary>
/// <c>Auth:Jwt</c>: bearer tokens from an OIDC issuer (<c>Authority</c>; its discovery document gives the issuer name
/// and the signing keys). Off when no Authority is set.
/// </summary>
public sealed class JwtOptions
{
    public string? Authority { get; set; }

    public string? Audience { get; set; }

    /// <summary>Entra ID app roles arrive in <c>roles</c>; map Keycloak realm roles to a flat <c>roles</c> claim.</summary>
    public string RoleClaimType { get; set; } = "roles";

    public string NameClaimType { get; set; } = "sub";

    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
