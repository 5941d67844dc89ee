using System.ComponentModel.DataAnnotations;

namespace HeadCt.Gateway.Security;

/// <summary>Configuration section <c>Auth</c>: API keys for scripts and PACS bridges, and an optional OIDC issuer.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    public JwtOptions Jwt { get; set; } = new();
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
