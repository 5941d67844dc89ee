using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace HeadCt.Platform.Tests.Security;

/// <summary>Compact JWS tokens signed with HS256 (RFC 7515 §7.1, RFC 7518 §3.2), as an identity provider would issue them.</summary>
public static class TestTokens
{
    public static string Create(
        string subject,
        string[] roles,
        byte[]? signingKey = null,
        string issuer = TestCredentials.JwtIssuer,
        string audience = TestCredentials.JwtAudience,
        TimeSpan? lifetime = null)
    {
        var now = DateTimeOffset.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(10));
        var header = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT" });
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = subject,
            ["roles"] = roles,
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
        });
        var signingInput = $"{Base64Url(header)}.{Base64Url(payload)}";
        var signature = HMACSHA256.HashData(signingKey ?? TestCredentials.JwtSigningKey, Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
