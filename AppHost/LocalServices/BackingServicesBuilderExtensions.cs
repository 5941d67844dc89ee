using Aspire.Hosting.ApplicationModel;
using HeadCt.AppHost.LocalServices.Azurite;
using HeadCt.AppHost.LocalServices.Cache;
using HeadCt.AppHost.LocalServices.Postgres;

namespace HeadCt.AppHost.LocalServices;

/// <summary>Adds the storage and cache resources the way the <see cref="LocalServicesPlan"/> decided.</summary>
internal static class BackingServicesBuilderExtensions
{
    private const string RedisServerProgram = "redis-server";

    /// <summary>Azure Storage (blob + queue) whose connection string is <c>ConnectionStrings:{name}</c>.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddStorage(
        this IDistributedApplicationBuilder builder, string name, LocalServicesPlan plan) =>
        plan.Hosting switch
        {
            BackingServiceHosting.Publish => builder.AddConnectionString(name),
            BackingServiceHosting.Containers => builder.AddAzuriteContainer(name, plan.DataDirectoryFor("azurite")),
            _ => builder.AddAzuriteExecutable(name, plan.DataDirectoryFor("azurite")),
        };

    /// <summary>A Redis-protocol cache whose StackExchange.Redis connection string is <c>ConnectionStrings:{name}</c>.</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddCache(
        this IDistributedApplicationBuilder builder, string name, LocalServicesPlan plan)
    {
        if (plan.Hosting is BackingServiceHosting.Publish or BackingServiceHosting.Containers)
        {
            return builder.AddRedis(name);
        }

        var redisServer = ExecutableLocator.FindOnPath(RedisServerProgram);
        return plan.Settings.CacheServer switch
        {
            CacheServerKind.Garnet => builder.AddGarnetServer(name),
            CacheServerKind.RedisServer => builder.AddRedisServerExecutable(
                name,
                redisServer ?? throw new InvalidOperationException(
                    "LocalServices:CacheServer=redis-server, but redis-server is not on PATH (apt-get install redis-server)."),
                plan.DataDirectoryFor("redis")),
            _ => redisServer is null
                ? builder.AddGarnetServer(name)
                : builder.AddRedisServerExecutable(name, redisServer, plan.DataDirectoryFor("redis")),
        };
    }

    /// <summary>
    /// The study index in PostgreSQL, database <paramref name="databaseName"/>, whose connection string is
    /// <c>ConnectionStrings:{name}</c>: the standard PostgreSQL container (and a container in the published manifest),
    /// or the installed server binaries as a process when no container runtime answers.
    /// </summary>
    public static StudyIndexDatabase AddStudyIndex(
        this IDistributedApplicationBuilder builder, string serverName, string name, string databaseName,
        IResourceBuilder<ParameterResource> password, LocalServicesPlan plan)
    {
        if (plan.Hosting is BackingServiceHosting.Publish or BackingServiceHosting.Containers)
        {
            var container = builder.AddPostgres(serverName, password: password);
            if (plan.Hosting is BackingServiceHosting.Containers)
            {
                container.WithDataVolume();
            }

            var database = container.AddDatabase(name, databaseName);
            return new StudyIndexDatabase(database, database);
        }

        var server = builder.AddPostgresExecutable(serverName, plan.DataDirectoryFor("postgres"), password);
        return new StudyIndexDatabase(server.AddLocalDatabase(name, databaseName), server);
    }
}
