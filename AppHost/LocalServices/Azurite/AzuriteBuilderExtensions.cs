using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace HeadCt.AppHost.LocalServices.Azurite;

internal static class AzuriteBuilderExtensions
{
    private const string ContainerImageRegistry = "mcr.microsoft.com";
    private const string ContainerImage = "azure-storage/azurite";
    private const string ContainerImageTag = "3.35.0";
    private const string ContainerDataPath = "/data";

    /// <summary>Azurite as a Node.js process; storage persists in <paramref name="dataDirectory"/>.</summary>
    public static IResourceBuilder<AzuriteResource> AddAzuriteExecutable(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        var packageDirectory = Path.Combine(builder.AppHostDirectory, "azurite");
        var resource = new AzuriteResource(name, packageDirectory);

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource, async (startEvent, cancellationToken) =>
        {
            Directory.CreateDirectory(dataDirectory);
            var logger = startEvent.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AzuriteInstaller));
            await AzuriteInstaller.EnsureInstalledAsync(packageDirectory, logger, cancellationToken);
        });

        return builder.AddResource(resource)
            .WithHttpEndpoint(name: AzuriteAccount.BlobEndpointName)
            .WithHttpEndpoint(name: AzuriteAccount.QueueEndpointName)
            .WithArgs(context =>
            {
                context.Args.Add(AzuriteInstaller.EntryPoint(packageDirectory));
                context.Args.Add("--blobHost");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--blobPort");
                context.Args.Add(resource.BlobEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--queueHost");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--queuePort");
                context.Args.Add(resource.QueueEndpoint.Property(EndpointProperty.TargetPort));
                // The table service is unused; port 0 lets the OS pick one so parallel instances never collide.
                context.Args.Add("--tablePort");
                context.Args.Add("0");
                context.Args.Add("--location");
                context.Args.Add(dataDirectory);
                foreach (var flag in CommonFlags)
                {
                    context.Args.Add(flag);
                }
            })
            .WithAzuriteHealthCheck();
    }

    /// <summary>Azurite from its container image; storage persists in <paramref name="dataDirectory"/>.</summary>
    public static IResourceBuilder<AzuriteContainerResource> AddAzuriteContainer(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        string[] args =
        [
            "azurite",
            "--blobHost", "0.0.0.0",
            "--queueHost", "0.0.0.0",
            "--tableHost", "0.0.0.0",
            "--location", ContainerDataPath,
            .. CommonFlags,
        ];

        return builder.AddResource(new AzuriteContainerResource(name))
            .WithImage(ContainerImage, ContainerImageTag)
            .WithImageRegistry(ContainerImageRegistry)
            .WithHttpEndpoint(targetPort: 10000, name: AzuriteAccount.BlobEndpointName)
            .WithHttpEndpoint(targetPort: 10001, name: AzuriteAccount.QueueEndpointName)
            .WithBindMount(dataDirectory, ContainerDataPath)
            .WithArgs(args)
            .WithAzuriteHealthCheck();
    }

    // --skipApiVersionCheck: the Azure SDK may be newer than the emulator's API version.
    // --loose: ignore headers the emulator does not implement.
    // --disableProductStyleUrl: the account is the first path segment (http://host:port/devstoreaccount1).
    // --silent: no access log; the processor polls its queue and would flood the console.
    private static readonly string[] CommonFlags =
        ["--skipApiVersionCheck", "--loose", "--disableProductStyleUrl", "--disableTelemetry", "--silent"];

    private static IResourceBuilder<T> WithAzuriteHealthCheck<T>(this IResourceBuilder<T> resourceBuilder)
        where T : IResourceWithEndpoints
    {
        var healthCheckKey = $"{resourceBuilder.Resource.Name}-azurite";
        resourceBuilder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey,
            _ => new AzuriteHealthCheck(resourceBuilder.Resource),
            failureStatus: null,
            tags: null));
        return resourceBuilder.WithHealthCheck(healthCheckKey);
    }
}
