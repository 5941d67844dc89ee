using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;

namespace HeadCt.Platform.Tests.Security;

/// <summary>
/// A minimal OpenID Connect issuer on loopback, as Entra ID or Keycloak looks to a relying party: a discovery document
/// at <c>/.well-known/openid-configuration</c>, its RSA signing key at <c>/jwks</c>, and the authorization code flow
/// with PKCE (RFC 7636) for the web page's public client <see cref="ClientId"/>: <c>/authorize</c> signs in
/// <see cref="SignInAs"/> at once (no login form) and redirects back with a code, <c>/token</c> gives the tokens only
/// for that code, redirect URI and client, and a verifier whose S256 hash is the challenge. The gateway under test is
/// configured with it as <c>Auth:Jwt:Authority</c> and fetches the documents itself, so bearer tokens are validated
/// the way they are in a hospital. One per test process; shared by Platform.Tests and Web.Tests (linked source).
/// </summary>
public sealed class TestOidcIssuer
{
    public const string KeyId = "headct-test-key-1";

    /// <summary>The audience of the access tokens: the gateway's <c>Auth:Jwt:Audience</c>.</summary>
    public const string Audience = "headct-gateway";

    /// <summary>The web page's client id: the gateway's <c>Auth:SignIn:ClientId</c>.</summary>
    public const string ClientId = "headct-web";

    private static readonly Lazy<TestOidcIssuer> Shared = new(() => new TestOidcIssuer());

    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, Grant> _codes = new();
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

    /// <summary>Who the next authorization request signs in (the issuer's own login is not what is under test).</summary>
    public TestOidcUser SignInAs { get; set; } = new("dr-oidc", "Dr OIDC Reviewer", ["reviewer"]);

    /// <summary>The query of the last authorization request, for tests to check what the page asked for.</summary>
    public IReadOnlyDictionary<string, string> LastAuthorization { get; private set; } = new Dictionary<string, string>();

    /// <summary>The last token request's outcome: "issued" or why it was refused.</summary>
    public string? LastTokenOutcome { get; private set; }

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

            try
            {
                await AnswerAsync(context);
            }
            catch (Exception) when (_listener.IsListening)
            {
                context.Response.StatusCode = 500;
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        switch (context.Request.Url?.AbsolutePath)
        {
            case "/.well-known/openid-configuration":
                await JsonAsync(context, 200, Discovery());
                break;
            case "/jwks":
                await JsonAsync(context, 200, Jwks());
                break;
            case "/authorize":
                Authorize(context);
                break;
            case "/token" when context.Request.HttpMethod == "POST":
                await TokenAsync(context);
                break;
            default:
                context.Response.StatusCode = 404;
                break;
        }
    }

    private void Authorize(HttpListenerContext context)
    {
        var query = context.Request.QueryString;
        var parameters = query.AllKeys.Where(key => key is not null).ToDictionary(key => key!, key => query[key] ?? "");
        LastAuthorization = parameters;
        var redirect = parameters.GetValueOrDefault("redirect_uri");
        if (parameters.GetValueOrDefault("client_id") != ClientId || !Uri.TryCreate(redirect, UriKind.Absolute, out var back))
        {
            context.Response.StatusCode = 400; // never redirect to an unverified address
            return;
        }

        string? error = null;
        if (parameters.GetValueOrDefault("response_type") != "code")
        {
            error = "unsupported_response_type";
        }
        else if (parameters.GetValueOrDefault("code_challenge_method") != "S256" || string.IsNullOrEmpty(parameters.GetValueOrDefault("code_challenge")))
        {
            error = "invalid_request";
        }

        var answer = HttpUtility.ParseQueryString(string.Empty);
        answer["state"] = parameters.GetValueOrDefault("state");
        if (error is null)
        {
            var code = TestTokens.Base64Url(RandomNumberGenerator.GetBytes(24));
            _codes[code] = new Grant(redirect!, parameters["code_challenge"], parameters.GetValueOrDefault("nonce"), SignInAs);
            answer["code"] = code;
        }
        else
        {
            answer["error"] = error;
        }

        context.Response.Redirect(new UriBuilder(back) { Query = answer.ToString() }.Uri.ToString());
    }

    private async Task TokenAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var form = HttpUtility.ParseQueryString(await reader.ReadToEndAsync());
        var code = form["code"] ?? "";
        Grant? grant = null;
        var refusal = form["grant_type"] != "authorization_code" ? "unsupported_grant_type"
            : !_codes.TryRemove(code, out grant) ? "invalid_grant: unknown or used code"
            : form["client_id"] != ClientId ? "invalid_client"
            : form["redirect_uri"] != grant!.RedirectUri ? "invalid_grant: redirect_uri differs"
            : Challenge(form["code_verifier"]) != grant!.CodeChallenge ? "invalid_grant: PKCE verifier does not match"
            : null;
        LastTokenOutcome = refusal ?? "issued";
        if (refusal is not null)
        {
            await JsonAsync(context, 400, new Dictionary<string, object> { ["error"] = refusal.Split(':')[0], ["error_description"] = refusal });
            return;
        }

        var user = grant!.User;
        var identity = new Dictionary<string, object> { ["name"] = user.Name };
        var idClaims = new Dictionary<string, object>(identity) { ["nonce"] = grant.Nonce ?? "" };
        await JsonAsync(context, 200, new Dictionary<string, object>
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = 600,
            ["access_token"] = TestTokens.Create(user.Subject, user.Roles, claims: identity),
            ["id_token"] = TestTokens.Create(user.Subject, user.Roles, audience: ClientId, claims: idClaims),
        });
    }

    private static string Challenge(string? verifier) =>
        verifier is null ? "" : TestTokens.Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static async Task JsonAsync(HttpListenerContext context, int status, object document)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Cache-Control"] = "no-store";
        await context.Response.OutputStream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(document));
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
            ["code_challenge_methods_supported"] = new[] { "S256" },
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

    private sealed record Grant(string RedirectUri, string CodeChallenge, string? Nonce, TestOidcUser User);
}

/// <summary>A person the test issuer signs in: subject, display name (the reviewer name) and roles.</summary>
public sealed record TestOidcUser(string Subject, string Name, string[] Roles);
