namespace HeadCt.Gateway.Audit;

public static class AuditTrailSetup
{
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AuditContainer>();
        services.AddSingleton<IAuditTrail, BlobAuditTrail>();
        return services;
    }

    /// <summary>After authentication (the actor is known) and before authorization (refusals are recorded too).</summary>
    public static WebApplication UseAuditTrail(this WebApplication app)
    {
        app.UseMiddleware<AuditMiddleware>();
        return app;
    }
}
