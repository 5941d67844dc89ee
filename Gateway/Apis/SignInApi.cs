using System.Text;
using System.Text.Json.Serialization;
using HeadCt.Gateway.Security;
using HeadCt.Services.Common.Problems;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using static HeadCt.Gateway.Problems.GatewayProblems;

namespace HeadCt.Gateway.Apis;

/// <summary>
/// How the web page signs in, so nothing about the issuer is written into the page: GET /config/sign-in says whether
/// "Sign in with your organisation" is offered and where the issuer's authorization endpoint is (from the discovery
/// document the JWT validation already reads), and POST /config/sign-in/token hands the page's authorization code
/// and PKCE verifier to the issuer's token endpoint. The relay keeps the page's Content-Security-Policy at
/// <c>connect-src 'self'</c>; the tokens go back to the page, which keeps them in memory, and the gateway keeps nothing.
/// </summary>
public static class SignInApi
{
    private const int MaxFieldLength = 4096;

    public static IEndpointRouteBuilder MapSignInApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/config/sign-in").WithTags("Sign-in");
        group.MapGet("", GetAsync)
            .WithName("SignInConfiguration")
            .WithSummary("How the page signs in: the API key always; with an OIDC issuer and client id, its authorization endpoint, client id and scope.")
            .Produces<SignInConfiguration>(StatusCodes.Status200OK);
        group.MapPost("/token", ExchangeAsync)
            .WithName("SignInToken")
            .WithSummary("Exchange the page's authorization code and PKCE verifier at the issuer's token endpoint; the issuer's answer is relayed.")
            .Accepts<TokenRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/me", Me)
            .WithName("SignedInPrincipal").WithTags("Sign-in")
            .WithSummary("Who the credential of this request belongs to: the name reviews are recorded under, its roles and the kind of credential.")
            .Produces<SignedInPrincipal>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<IResult> GetAsync(HttpContext context, IOptions<AuthOptions> auth, CancellationToken cancellationToken)
    {
        var organisation = await IssuerAsync(context, auth.Value, cancellationToken) is { } issuer
            ? new OrganisationSignIn(issuer.Issuer, issuer.AuthorizationEndpoint, auth.Value.SignIn.ClientId!, auth.Value.SignIn.Scope, auth.Value.SignIn.Label)
            : null;
        return Results.Json(new SignInConfiguration(ApiKey: true, organisation), GatewayJson.Options);
    }

    private static async Task<IResult> ExchangeAsync(HttpContext context, TokenRequest? request, IOptions<AuthOptions> auth, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(auth.Value.SignIn.ClientId) || !auth.Value.Jwt.Enabled)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.ForStatus(404),
                title: "Sign-in with an organisation is not configured.", detail: "Set Auth:Jwt:Authority and Auth:SignIn:ClientId, or use an API key.");
        }

        if (request is null || !Field(request.Code) || !Field(request.CodeVerifier) || !Field(request.RedirectUri) ||
            !Uri.TryCreate(request.RedirectUri, UriKind.Absolute, out var redirect) ||
            !string.Equals(redirect.Authority, context.Request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            return BadRequest("Invalid sign-in request.", "Send {code, codeVerifier, redirectUri} with this page's own address as redirectUri.");
        }

        if (await IssuerAsync(context, auth.Value, cancellationToken) is not { TokenEndpoint: { Length: > 0 } tokenEndpoint })
        {
            return IssuerUnavailable();
        }

        var backchannel = Backchannel(context);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = request.Code!,
            ["code_verifier"] = request.CodeVerifier!,
            ["redirect_uri"] = request.RedirectUri!,
            ["client_id"] = auth.Value.SignIn.ClientId!,
        });
        try
        {
            using var answer = await backchannel.PostAsync(tokenEndpoint, form, cancellationToken);
            var body = await answer.Content.ReadAsStringAsync(cancellationToken);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Content(body, "application/json", Encoding.UTF8, (int)answer.StatusCode);
        }
        catch (HttpRequestException)
        {
            return IssuerUnavailable();
        }
    }

    private static IResult Me(HttpContext context, IOptions<AuthOptions> auth)
    {
        var user = context.User;
        var bearer = user.Identity?.AuthenticationType != ApiKeyAuthenticationHandler.SchemeName;
        var roleClaim = bearer ? auth.Value.Jwt.RoleClaimType : GatewayClaims.Role;
        var roles = user.FindAll(roleClaim).Select(claim => claim.Value).Where(GatewayRoles.IsKnown).Distinct().Order(StringComparer.Ordinal).ToArray();
        return Results.Json(new SignedInPrincipal(ReviewerName.Of(user), roles, bearer ? "organisation" : "api-key"), GatewayJson.Options);
    }

    private static bool Field(string? value) => !string.IsNullOrWhiteSpace(value) && value.Length <= MaxFieldLength;

    /// <summary>The issuer's discovery document as the JWT validation caches it; null when sign-in is off or the issuer cannot be reached.</summary>
    private static async Task<OpenIdConnectConfiguration?> IssuerAsync(HttpContext context, AuthOptions auth, CancellationToken cancellationToken)
    {
        if (!auth.Jwt.Enabled || string.IsNullOrWhiteSpace(auth.SignIn.ClientId))
        {
            return null;
        }

        var jwt = context.RequestServices.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        try
        {
            return jwt.ConfigurationManager is { } manager ? await manager.GetConfigurationAsync(cancellationToken) : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static HttpClient Backchannel(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme).Backchannel;

    private static IResult IssuerUnavailable() => Results.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable, type: ProblemTypes.ForStatus(503),
        title: "The sign-in service is not reachable.", detail: "The organisation's identity provider did not answer. Try again in a minute, or use an API key.");
}

/// <summary>The body of GET /config/sign-in; <see cref="Organisation"/> is null when only API keys are accepted.</summary>
public sealed record SignInConfiguration(bool ApiKey, OrganisationSignIn? Organisation);

/// <summary>Where and as whom the page starts an authorization code flow with PKCE.</summary>
public sealed record OrganisationSignIn(string Issuer, string AuthorizationEndpoint, string ClientId, string Scope, string Label);

/// <summary>The body of GET /me: <see cref="Name"/> is what reviews are recorded under; <see cref="Credential"/> <c>api-key</c> or <c>organisation</c>.</summary>
public sealed record SignedInPrincipal(string Name, IReadOnlyList<string> Roles, string Credential);

/// <summary>The body of POST /config/sign-in/token.</summary>
public sealed record TokenRequest(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("codeVerifier")] string? CodeVerifier,
    [property: JsonPropertyName("redirectUri")] string? RedirectUri);
