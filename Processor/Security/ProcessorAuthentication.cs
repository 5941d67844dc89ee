using Microsoft.AspNetCore.Authorization;

namespace HeadCt.Processor.Security;

/// <summary>Every processor route needs the service credential except the orchestrator's health probes.</summary>
public static class ProcessorAuthentication
{
    public static IHostApplicationBuilder AddProcessorAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ServiceKeyOptions>().BindConfiguration(ServiceKeyOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddAuthentication(ServiceKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ServiceKeyAuthenticationHandler>(
                ServiceKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder()
            .RequireAssertion(context => IsHealthProbe(context.Resource) || context.User.Identity?.IsAuthenticated == true)
            .Build());
        return builder;
    }

    public static WebApplication UseProcessorAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    private static bool IsHealthProbe(object? resource) =>
        resource is HttpContext { Request.Path: var path } &&
        (path.Equals(HealthEndpoints.HealthPath) || path.Equals(HealthEndpoints.AlivePath));
}
