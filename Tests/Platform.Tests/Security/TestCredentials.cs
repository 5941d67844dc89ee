using System.Security.Cryptography;
using HeadCt.Services.Common.Security;

namespace HeadCt.Platform.Tests.Security;

/// <summary>
/// Credentials fresh for each test run: the AppHost's two secret parameters, one extra key per narrower role, and a
/// symmetric JWT signing key with its issuer and audience (the gateway validates such tokens as it would an OIDC issuer's).
/// </summary>
public static class TestCredentials
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string UploaderKeyName = "test-uploader";
    public const string ReviewerKeyName = "test-reviewer";
    public const string DevKeyName = "development";
    public const string JwtIssuer = "https://issuer.headct.test";
    public const string JwtAudience = "headct-gateway";

    public static readonly string DevApiKey = NewKey();
    public static readonly string ServiceKey = NewKey();
    public static readonly string UploaderKey = NewKey();
    public static readonly string ReviewerKey = NewKey();
    public static readonly byte[] JwtSigningKey = RandomNumberGenerator.GetBytes(32);

    /// <summary>AppHost arguments that fix its generated secret parameters to the values above.</summary>
    public static IEnumerable<string> AppHostArguments =>
    [
        $"Parameters:gateway-dev-api-key={DevApiKey}",
        $"Parameters:processor-service-key={ServiceKey}",
    ];

    /// <summary>Gateway settings for the extra keys (the uploader's as a digest, the reviewer's in plain) and the JWT issuer.</summary>
    public static IReadOnlyDictionary<string, string> GatewayEnvironment => new Dictionary<string, string>
    {
        ["Auth__ApiKeys__1__Name"] = UploaderKeyName,
        ["Auth__ApiKeys__1__Role"] = "uploader",
        ["Auth__ApiKeys__1__Hash"] = SecretHash.HexOf(UploaderKey),
        ["Auth__ApiKeys__2__Name"] = ReviewerKeyName,
        ["Auth__ApiKeys__2__Role"] = "reviewer",
        ["Auth__ApiKeys__2__Key"] = ReviewerKey,
        ["Auth__Jwt__Issuer"] = JwtIssuer,
        ["Auth__Jwt__Audience"] = JwtAudience,
        ["Auth__Jwt__SigningKey"] = Convert.ToBase64String(JwtSigningKey),
    };

    private static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
}
