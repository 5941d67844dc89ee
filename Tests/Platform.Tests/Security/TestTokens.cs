using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HeadCt.Platform.Tests.Security;

/// <summary>Compact JWS access and ID tokens signed RS256 (RFC 7515 §7.1, RFC 7518 §3.3) by the test's OIDC issuer, as an identity provider issues them.</summary>
public static class TestTokens
{
    /// <param name="signingKey">Another RSA key to sign with (published under the issuer's key id), for forged tokens.</param>
    /// <param name="issuer">The <c>iss</c> claim; the test issuer's URL unless given.</param>
    /// <param name="claims">More claims (<c>name</c>, <c>nonce</c>…), or ones that replace the standard ones.</param>
    public static string Create(
        string subject,
        string[] roles,
        RSA? signingKey = null,
        string? issuer = null,
        string audience = TestOidcIssuer.Audience,
        TimeSpan? lifetime = null,
        IReadOnlyDictionary<string, object>? claims = null)
    {
        var oidc = TestOidcIssuer.Instance;
        var now = DateTimeOffset.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(10));
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["alg"] = "RS256",
            ["typ"] = "JWT",
            ["kid"] = TestOidcIssuer.KeyId,
        });
        var payloadClaims = new Dictionary<string, object>
        {
            ["iss"] = issuer ?? oidc.Issuer,
            ["aud"] = audience,
            ["sub"] = subject,
            ["roles"] = roles,
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
        };
        foreach (var (name, value) in claims ?? new Dictionary<string, object>())
        {
            payloadClaims[name] = value;
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(payloadClaims);
        var signingInput = $"{Base64Url(header)}.{Base64Url(payload)}";
        var signature = (signingKey ?? oidc.SigningKey).SignData(
            Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
