using HeadCt.Services.Common.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace HeadCt.Gateway.Security;

/// <summary>
/// One policy scheme in front of two: a bearer token goes to JWT validation (when an issuer is configured), anything
/// else to the API-key handler. Authorization falls back to <see cref="RoleForRequestRequirement"/>.
/// </summary>
public static class GatewayAuthentication
{
    public const string SchemeName = "HeadCt";
    public const string AdminPolicy = "admin";

    public static IHostApplicationBuilder AddGatewayAuthentication(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<IAuthorizationHandler, RoleForRequestHandler>();

        var jwt = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>()?.Jwt ?? new JwtOptions();
        var authentication = services.AddAuthentication(SchemeName)
            .AddPolicyScheme(SchemeName, "API key or bearer token", policy => policy.ForwardDefaultSelector = context =>
                jwt.Enabled && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (jwt.Enabled)
        {
            authentication.AddJwtBearer(options => ConfigureJwt(options, jwt));
        }

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(new RoleForRequestRequirement()).Build())
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(GatewayRoles.Admin));
        return builder;
    }

    private static void ConfigureJwt(JwtBearerOptions options, JwtOptions jwt)
    {
        // Claim names as the issuer sent them ("sub", "roles"), not remapped to WS-Federation URIs.
        options.MapInboundClaims = false;
        options.Audience = jwt.Audience;
        options.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
        options.TokenValidationParameters.NameClaimType = jwt.NameClaimType;
        options.TokenValidationParameters.RoleClaimType = jwt.RoleClaimType;
        options.TokenValidationParameters.ValidAudience = jwt.Audience;
        // Issuer and signing keys come from the issuer's discovery document and are refreshed from it.
        options.Authority = jwt.Authority;

        options.Events = new JwtBearerEvents
        {
            OnChallenge = async context =>
            {
                context.HandleResponse();
                context.Response.Headers.Append("WWW-Authenticate", "Bearer");
                await CredentialProblems.WriteUnauthorizedAsync(context.HttpContext, context.AuthenticateFailure is null
                    ? "Send a bearer token in 'Authorization' or an API key in 'X-Api-Key'."
                    : "The bearer token is not valid (signature, issuer, audience or lifetime).");
            },
            OnForbidden = context => CredentialProblems.WriteForbiddenAsync(context.HttpContext),
        };
    }
}
