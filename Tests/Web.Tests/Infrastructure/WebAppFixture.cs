using System.Security.Cryptography;
using HeadCt.Platform.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HeadCt.Web.Tests.Infrastructure;

/// <summary>
/// The real AppHost (storage, cache, processor, gateway) started through Aspire.Hosting.Testing with a fresh data
/// folder and known credentials (contracts §3: the development admin key the page signs in with), and the loopback
/// OIDC issuer (<see cref="TestOidcIssuer"/>) as the organisation the page can sign in with.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    /// <summary>A first run on a fresh clone installs Azurite from npm and builds the services.</summary>
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(5);

    public const string GatewayResource = "gateway";
    private static readonly string[] Resources = ["storage", "cache", "processor", GatewayResource];

    private DistributedApplication? _app;

    public string ApiKey { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    public CapturedLogs Logs { get; } = new();

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "headct-web-tests", Guid.NewGuid().ToString("N"));

    public static string LogFile => Path.Combine(Path.GetTempPath(), "headct-web-tests.log");

    public DistributedApplication App =>
        _app ?? throw new InvalidOperationException("The AppHost has not started (see the fixture's InitializeAsync failure).");

    /// <summary>
    /// The gateway's address with 127.0.0.1 as host: the browser is launched with every other host name unresolvable,
    /// so nothing of the page can come from outside.
    /// </summary>
    public Uri GatewayAddress
    {
        get
        {
            var endpoint = App.GetEndpoint(GatewayResource, "http");
            return new UriBuilder(endpoint) { Host = "127.0.0.1", Path = "/" }.Uri;
        }
    }

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartupTimeout);
        try
        {
            string[] arguments =
            [
                $"LocalServices:DataDirectory={DataDirectory}",
                $"Parameters:gateway-dev-api-key={ApiKey}",
                $"Parameters:processor-service-key={Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20))}",
            ];
            var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(arguments, timeout.Token);
            var gateway = builder.CreateResourceBuilder(builder.Resources.OfType<ProjectResource>().Single(resource => resource.Name == GatewayResource));
            foreach (var (name, value) in SignInEnvironment)
            {
                gateway.WithEnvironment(name, value);
            }

            builder.Services.AddLogging(logging =>
            {
                logging.ClearProviders();
                logging.SetMinimumLevel(LogLevel.Information);
                logging.AddProvider(Logs);
            });
            _app = await builder.BuildAsync(timeout.Token);
            await _app.StartAsync(timeout.Token);
            foreach (var resource in Resources)
            {
                await _app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
            }
        }
        catch (Exception exception)
        {
            var tail = Logs.Tail();
            await DisposeAsync();
            throw new InvalidOperationException($"The AppHost did not become healthy: {exception.Message}{Environment.NewLine}{tail}", exception);
        }
    }

    /// <summary>The loopback issuer as the gateway's OIDC authority and the page's sign-in (plain HTTP on loopback only).</summary>
    private static Dictionary<string, string> SignInEnvironment => new()
    {
        ["Auth__Jwt__Authority"] = TestOidcIssuer.Instance.Issuer,
        ["Auth__Jwt__Audience"] = TestOidcIssuer.Audience,
        ["Auth__Jwt__RequireHttpsMetadata"] = "false",
        ["Auth__SignIn__ClientId"] = TestOidcIssuer.ClientId,
    };

    /// <summary>A client of the gateway that sends the development key, for checks beside the browser.</summary>
    public HttpClient CreateGatewayClient()
    {
        var client = new HttpClient { BaseAddress = GatewayAddress, Timeout = TimeSpan.FromMinutes(1) };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    public async Task DisposeAsync()
    {
        try
        {
            await File.WriteAllLinesAsync(LogFile, Logs.Lines);
        }
        catch (IOException)
        {
        }

        if (_app is not null)
        {
            try
            {
                await _app.StopAsync();
            }
            finally
            {
                await _app.DisposeAsync();
                _app = null;
            }
        }

        try
        {
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A server still flushing a file; the folder is under the temp directory anyway.
        }
    }
}
