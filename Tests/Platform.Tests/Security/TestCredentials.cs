using System.Security.Cryptography;
using HeadCt.Services.Common.Security;

namespace HeadCt.Platform.Tests.Security;

/// <summary>
/// Credentials fresh for each test run: the AppHost's two secret parameters, one extra key per narrower role, and the
/// loopback OIDC issuer (<see cref="TestOidcIssuer"/>) with the audience its bearer tokens are for.
/// </summary>
public static class TestCredentials
{
    public const string ApiKeyHeader = "X-Api-Key";
    public const string UploaderKeyName = "test-uploader";
    public const string ReviewerKeyName = "test-reviewer";
    public const string DevKeyName = "development";
    public const string JwtAudience = TestOidcIssuer.Audience;

    public static readonly string DevApiKey = NewKey();
    public static readonly string ServiceKey = NewKey();
    public static readonly string UploaderKey = NewKey();
    public static readonly string ReviewerKey = NewKey();

    /// <summary>AppHost arguments that fix its generated secret parameters to the values above.</summary>
    public static IEnumerable<string> AppHostArguments =>
    [
        $"Parameters:gateway-dev-api-key={DevApiKey}",
        $"Parameters:processor-service-key={ServiceKey}",
    ];

    /// <summary>Gateway settings for the extra keys (the uploader's as a digest, the reviewer's in plain) and the OIDC issuer.</summary>
    public static IReadOnlyDictionary<string, string> GatewayEnvironment => new Dictionary<string, string>
    {
        ["Auth__ApiKeys__1__Name"] = UploaderKeyName,
        ["Auth__ApiKeys__1__Role"] = "uploader",
        ["Auth__ApiKeys__1__Hash"] = SecretHash.HexOf(UploaderKey),
        ["Auth__ApiKeys__2__Name"] = ReviewerKeyName,
        ["Auth__ApiKeys__2__Role"] = "reviewer",
        ["Auth__ApiKeys__2__Key"] = ReviewerKey,
        ["Auth__Jwt__Authority"] = TestOidcIssuer.Instance.Issuer,
        ["Auth__Jwt__Audience"] = JwtAudience,
        ["Auth__SignIn__ClientId"] = TestOidcIssuer.ClientId,
        // The loopback issuer speaks plain HTTP; every real deployment keeps the default (HTTPS metadata only).
        ["Auth__Jwt__RequireHttpsMetadata"] = "false",
    };

    private static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
}
