using HeadCt.Services.Common.Security;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Security;

/// <summary>A malformed key or issuer setting stops the gateway at start-up, naming the key, rather than letting requests in.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public const int MinimumKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var prefix = $"Auth:ApiKeys:{i}";
            if (string.IsNullOrWhiteSpace(key.Name) || !names.Add(key.Name))
            {
                failures.Add($"{prefix}:Name must be set and unique.");
            }

            if (!GatewayRoles.IsKnown(key.Role))
            {
                failures.Add($"{prefix}:Role must be one of {string.Join(", ", GatewayRoles.All)}.");
            }

            var hasHash = !string.IsNullOrEmpty(key.Hash);
            var hasKey = !string.IsNullOrEmpty(key.Key);
            if (hasHash == hasKey)
            {
                failures.Add($"{prefix} needs exactly one of Hash and Key.");
            }
            else if (hasHash && !SecretHash.TryParseHex(key.Hash, out _))
            {
                failures.Add($"{prefix}:Hash must be {SecretHash.HexLength} hex digits (SHA-256).");
            }
            else if (hasKey && key.Key!.Length < MinimumKeyLength)
            {
                failures.Add($"{prefix}:Key must have at least {MinimumKeyLength} characters.");
            }
        }

        var jwt = options.Jwt;
        if (jwt.Enabled && string.IsNullOrWhiteSpace(jwt.Audience))
        {
            failures.Add("Auth:Jwt:Audience is required when an Authority is configured.");
        }

        if (jwt.Enabled && !Uri.TryCreate(jwt.Authority, UriKind.Absolute, out _))
        {
            failures.Add("Auth:Jwt:Authority must be an absolute URL (the issuer, e.g. https://login.microsoftonline.com/<tenant>/v2.0).");
        }

        if (!string.IsNullOrWhiteSpace(options.SignIn.ClientId) && !jwt.Enabled)
        {
            failures.Add("Auth:SignIn:ClientId needs Auth:Jwt:Authority: the page signs in at that issuer.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
