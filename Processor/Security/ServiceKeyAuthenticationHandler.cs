using System.Security.Claims;
using System.Text.Encodings.Web;
using HeadCt.Services.Common.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Security;

/// <summary>Accepts a request carrying the service key in <c>X-Service-Key</c>; the processor has no other callers.</summary>
public sealed class ServiceKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<ServiceKeyOptions> serviceKey)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ServiceKey";

    private readonly byte[] _expected = SecretHash.Of(serviceKey.Value.ServiceKey);

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ServiceCredential.HeaderName, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (values.Count != 1 || string.IsNullOrEmpty(values[0]) || !SecretHash.Matches(SecretHash.Of(values[0]!), _expected))
        {
            return Task.FromResult(AuthenticateResult.Fail("Wrong service key."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "gateway")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        CredentialProblems.WriteUnauthorizedAsync(Context, $"The processor is internal: send the service key in '{ServiceCredential.HeaderName}'.");
}
