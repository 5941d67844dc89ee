using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace HeadCt.AppHost.LocalServices.Postgres;

internal static class PostgresBuilderExtensions
{
    /// <summary>
    /// PostgreSQL from the installed server binaries (or npm's, see <see cref="PostgresBinaries"/>): initdb into <paramref name="dataDirectory"/> on first run, then
    /// postgres on a port Aspire allocates, listening on loopback only, its socket in the data folder.
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgresExecutable(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory, IResourceBuilder<ParameterResource> password)
    {
        var binaries = PostgresBinaries.Locate(builder.AppHostDirectory);
        var folder = new PostgresDataFolder(dataDirectory, binaries.BinDirectory);
        var (command, prefix) = folder.Runner("postgres");
        var resource = new PostgresServerResource(name, command, Path.GetTempPath(), password.Resource);

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(resource, async (startEvent, cancellationToken) =>
        {
            var logger = startEvent.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PostgresDataFolder));
            var secret = await password.Resource.GetValueAsync(cancellationToken)
                ?? throw new InvalidOperationException($"The parameter '{password.Resource.Name}' has no value.");
            await binaries.EnsureInstalledAsync(logger, cancellationToken);
            await folder.EnsureInitializedAsync(secret, logger, cancellationToken);
        });

        var healthCheckKey = $"{name}-select";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheckKey, _ => new PostgresHealthCheck(resource), null, null));
        return builder.AddResource(resource)
            .WithEndpoint(name: PostgresServerResource.EndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                foreach (var argument in prefix)
                {
                    context.Args.Add(argument);
                }

                context.Args.Add("-D");
                context.Args.Add(folder.Directory);
                context.Args.Add("-p");
                context.Args.Add(resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("-k");
                context.Args.Add(folder.Directory);
                context.Args.Add("-c");
                context.Args.Add("listen_addresses=127.0.0.1");
            })
            .WithHealthCheck(healthCheckKey);
    }

    /// <summary>A database of the local server, as a connection string that is "running" once declared.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddLocalDatabase(
        this IResourceBuilder<PostgresServerResource> server, string name, string databaseName) =>
        server.ApplicationBuilder.AddResource(new PostgresDatabaseResource(name, databaseName, server.Resource))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Running,
                Properties = [],
            });
}
