using System.Security.Claims;
using System.Text.Encodings.Web;
using HeadCt.Services.Common.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Security;

/// <summary>Authenticates <c>X-Api-Key</c> against the configured keys; the principal's name is the key's name.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (values.Count != 1 || string.IsNullOrEmpty(values[0]) || !keys.TryFind(values[0]!, out var name, out var role))
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(GatewayClaims.Name, name), new Claim(GatewayClaims.Role, role)],
            SchemeName, GatewayClaims.Name, GatewayClaims.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.Append("WWW-Authenticate", $"ApiKey header=\"{HeaderName}\"");
        var result = await Context.AuthenticateAsync(SchemeName);
        await CredentialProblems.WriteUnauthorizedAsync(Context, result.Failure is null
            ? $"Send an API key in '{HeaderName}' or a bearer token in 'Authorization'."
            : "The API key is not valid.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        CredentialProblems.WriteForbiddenAsync(Context);
}
