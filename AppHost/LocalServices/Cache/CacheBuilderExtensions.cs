using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HeadCt.AppHost.LocalServices.Cache;

internal static class CacheBuilderExtensions
{
    /// <summary>
    /// redis-server as a pure cache: loopback only, no RDB snapshots, no append-only file
    /// (its working directory still keeps any file it writes out of the repository).
    /// </summary>
    public static IResourceBuilder<RedisServerResource> AddRedisServerExecutable(
        this IDistributedApplicationBuilder builder, string name, string redisServerPath, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var resource = new RedisServerResource(name, redisServerPath, dataDirectory);
        return builder.AddResource(resource)
            .WithEndpoint(name: CacheEndpoint.Name, scheme: "tcp")
            .WithArgs(context =>
            {
                context.Args.Add("--port");
                context.Args.Add(resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--bind");
                context.Args.Add("127.0.0.1");
                context.Args.Add("--save");
                context.Args.Add(string.Empty);
                context.Args.Add("--appendonly");
                context.Args.Add("no");
                context.Args.Add("--dir");
                context.Args.Add(dataDirectory);
            })
            .WithPingHealthCheck();
    }

    /// <summary>Microsoft Garnet hosted by the CacheServer project, in memory only.</summary>
    public static IResourceBuilder<GarnetServerResource> AddGarnetServer(
        this IDistributedApplicationBuilder builder, string name)
    {
        var resource = new GarnetServerResource(name);
        return builder.AddResource(resource)
            .WithAnnotation<IProjectMetadata>(new Projects.CacheServer())
            .WithEndpoint(name: CacheEndpoint.Name, scheme: "tcp")
            .WithArgs(context =>
            {
                context.Args.Add("--port");
                context.Args.Add(resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--bind");
                context.Args.Add("127.0.0.1");
            })
            .WithPingHealthCheck();
    }

    private static IResourceBuilder<T> WithPingHealthCheck<T>(this IResourceBuilder<T> resourceBuilder)
        where T : IResourceWithEndpoints
    {
        var healthCheckKey = $"{resourceBuilder.Resource.Name}-ping";
        resourceBuilder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey,
            _ => new RedisPingHealthCheck(resourceBuilder.Resource),
            failureStatus: null,
            tags: null));
        return resourceBuilder.WithHealthCheck(healthCheckKey);
    }
}
