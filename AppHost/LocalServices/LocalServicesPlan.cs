using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HeadCt.AppHost.LocalServices;

/// <summary>Where storage and cache come from in this AppHost run.</summary>
internal enum BackingServiceHosting
{
    /// <summary>Publishing a manifest: a Redis container and a storage connection-string parameter.</summary>
    Publish,
    Containers,
    Executables,
}

/// <summary>Decides once per run how storage and cache are hosted, and says so in the AppHost log.</summary>
internal sealed record LocalServicesPlan(BackingServiceHosting Hosting, LocalServicesSettings Settings)
{
    private const string ContainerRuntimeKey = "ASPIRE_CONTAINER_RUNTIME";

    public static LocalServicesPlan Decide(IDistributedApplicationBuilder builder)
    {
        var settings = LocalServicesSettings.Read(builder.Configuration, builder.AppHostDirectory);
        var hosting = ChooseHosting(builder, settings, out var reason);
        var plan = new LocalServicesPlan(hosting, settings);

        builder.Eventing.Subscribe<BeforeStartEvent>((startEvent, _) =>
        {
            var logger = startEvent.Services.GetRequiredService<ILoggerFactory>().CreateLogger<LocalServicesPlan>();
            logger.LogInformation(
                "Local services hosted as {Hosting} ({Reason}); local data in {DataDirectory}",
                hosting, reason, settings.DataDirectory);
            return Task.CompletedTask;
        });

        return plan;
    }

    public string DataDirectoryFor(string service) => Path.Combine(Settings.DataDirectory, service);

    private static BackingServiceHosting ChooseHosting(
        IDistributedApplicationBuilder builder, LocalServicesSettings settings, out string reason)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            reason = "publish mode";
            return BackingServiceHosting.Publish;
        }

        switch (settings.Mode)
        {
            case LocalServicesMode.Containers:
                reason = "LocalServices:Mode=containers";
                return BackingServiceHosting.Containers;
            case LocalServicesMode.Executables:
                reason = "LocalServices:Mode=executables";
                return BackingServiceHosting.Executables;
        }

        var configuredRuntime = builder.Configuration[ContainerRuntimeKey];
        var runtime = ContainerRuntimeProbe.FindHealthyRuntime(configuredRuntime);
        if (runtime is null)
        {
            reason = "no container runtime answers";
            return BackingServiceHosting.Executables;
        }

        // Aspire assumes docker unless told otherwise; point it at the runtime that answered.
        builder.Configuration[ContainerRuntimeKey] = runtime;
        reason = $"{runtime} answers";
        return BackingServiceHosting.Containers;
    }
}
