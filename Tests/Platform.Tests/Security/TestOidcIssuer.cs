using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;

namespace HeadCt.Platform.Tests.Security;

/// <summary>
/// A minimal OpenID Connect issuer on loopback, as Entra ID or Keycloak looks to a relying party: a discovery document
/// at <c>/.well-known/openid-configuration</c> and its RSA signing key at <c>/jwks</c>. The gateway under test is
/// configured with it as <c>Auth:Jwt:Authority</c> and fetches both itself, so bearer tokens are validated the way
/// they are in a hospital. One per test run; it lives as long as the test process.
/// </summary>
public sealed class TestOidcIssuer
{
    public const string KeyId = "headct-test-key-1";

    private static readonly Lazy<TestOidcIssuer> Shared = new(() => new TestOidcIssuer());

    private readonly HttpListener _listener = new();
    private int _discoveryRequests;

    private TestOidcIssuer()
    {
        var port = FreeLoopbackPort();
        Issuer = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Issuer + "/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public static TestOidcIssuer Instance => Shared.Value;

    /// <summary>The issuer URL: the Authority to configure and the <c>iss</c> of every token it signs.</summary>
    public string Issuer { get; }

    /// <summary>The signing key; only its public half is published.</summary>
    public RSA SigningKey { get; } = RSA.Create(2048);

    /// <summary>How many times the discovery document was fetched: proof that the gateway asked the issuer.</summary>
    public int DiscoveryRequests => _discoveryRequests;

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return;
            }

            var path = context.Request.Url?.AbsolutePath;
            object? document = path switch
            {
                "/.well-known/openid-configuration" => Discovery(),
                "/jwks" => Jwks(),
                _ => null,
            };
            context.Response.StatusCode = document is null ? 404 : 200;
            context.Response.ContentType = "application/json";
            if (document is not null)
            {
                await context.Response.OutputStream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(document));
            }

            context.Response.Close();
        }
    }

    private Dictionary<string, object> Discovery()
    {
        Interlocked.Increment(ref _discoveryRequests);
        return new()
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = Issuer + "/jwks",
            ["authorization_endpoint"] = Issuer + "/authorize",
            ["token_endpoint"] = Issuer + "/token",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        };
    }

    private Dictionary<string, object> Jwks()
    {
        var parameters = SigningKey.ExportParameters(includePrivateParameters: false);
        var key = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = KeyId,
            ["n"] = TestTokens.Base64Url(parameters.Modulus!),
            ["e"] = TestTokens.Base64Url(parameters.Exponent!),
        };
        return new Dictionary<string, object> { ["keys"] = new[] { key } };
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
