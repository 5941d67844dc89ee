namespace HeadCt.Gateway.Audit;

public static class AuditTrailSetup
{
    public static IServiceCollection AddAuditTrail(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AuditContainer>();
        services.AddSingleton<AuditBlobRoller>();
        services.AddSingleton<AuditWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditWriter>());
        services.AddSingleton<AuditReader>();
        services.AddSingleton<IAuditTrail, BlobAuditTrail>();
        services.AddSingleton<AuditAggregator>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditAggregator>());
        return services;
    }

    /// <summary>After authentication (the actor is known) and before authorization (refusals are recorded too).</summary>
    public static WebApplication UseAuditTrail(this WebApplication app)
    {
        app.UseMiddleware<AuditMiddleware>();
        return app;
    }
}
