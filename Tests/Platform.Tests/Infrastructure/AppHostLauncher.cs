using Aspire.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HeadCt.Platform.Tests.Infrastructure;

/// <summary>Builds and starts the real AppHost through Aspire.Hosting.Testing.</summary>
public static class AppHostLauncher
{
    /// <param name="configure">Changes to the app model before it is built (e.g. removing resources).</param>
    public static async Task<DistributedApplication> StartAsync(
        CapturedLogs logs,
        string dataDirectory,
        IEnumerable<string> extraArguments,
        CancellationToken cancellationToken,
        Action<IDistributedApplicationTestingBuilder>? configure = null)
    {
        string[] arguments =
            [$"LocalServices:DataDirectory={dataDirectory}", .. Security.TestCredentials.AppHostArguments, .. extraArguments];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(arguments, cancellationToken);

        // Captured in memory instead of the console: startup health-check failures are expected and noisy.
        builder.Services.AddLogging(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(LogLevel.Information);
            logging.AddProvider(logs);
        });
        configure?.Invoke(builder);

        var app = await builder.BuildAsync(cancellationToken);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }
}
