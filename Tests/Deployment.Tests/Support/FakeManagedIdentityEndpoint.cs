using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HeadCt.Deployment.Tests.Support;

/// <summary>
/// Stands in for the managed identity endpoint Azure Container Apps gives a container (IDENTITY_ENDPOINT and
/// IDENTITY_HEADER, the App Service protocol that <c>ManagedIdentityCredential</c> speaks): it checks the header and
/// answers with a JWT shaped like Entra ID's (issuer https://sts.windows.net/{tenant}/, the requested resource as
/// audience). Azurite in <c>--oauth basic</c> mode checks exactly those claims and not the signature, so the whole path
/// from <c>DefaultAzureCredential</c> to an authorised storage call runs for real except the signing.
/// </summary>
internal sealed class FakeManagedIdentityEndpoint : IAsyncDisposable
{
    public const string Header = "X-IDENTITY-HEADER";
    private readonly WebApplication app;
    private int requests;

    private FakeManagedIdentityEndpoint(WebApplication app, string secret)
    {
        this.app = app;
        Secret = secret;
    }

    public string Secret { get; }

    public Uri Address => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Token requests answered so far.</summary>
    public int Requests => Volatile.Read(ref requests);

    public static async Task<FakeManagedIdentityEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var endpoint = new FakeManagedIdentityEndpoint(app, Guid.NewGuid().ToString("N"));
        app.MapGet("/msi/token", (HttpContext context) =>
        {
            if (context.Request.Headers[Header] != endpoint.Secret)
                return Results.Unauthorized();
            Interlocked.Increment(ref endpoint.requests);
            var resource = context.Request.Query["resource"].ToString();
            var expires = DateTimeOffset.UtcNow.AddHours(1);
            return Results.Json(new Dictionary<string, string>
            {
                ["access_token"] = Jwt(resource, "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/", expires),
                ["expires_on"] = expires.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["resource"] = resource,
                ["token_type"] = "Bearer",
            });
        });
        await app.StartAsync();
        return endpoint;
    }

    /// <summary>A JWT with an Entra-style issuer and lifetime; its signature is a placeholder (Azurite does not verify it).</summary>
    public static string Jwt(string audience, string issuer, DateTimeOffset expires)
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds();
        var header = Base64Url(JsonSerializer.Serialize(new { alg = "RS256", typ = "JWT" }));
        var payload = Base64Url(JsonSerializer.Serialize(new { aud = audience.TrimEnd('/'), iss = issuer, iat = now, nbf = now, exp = expires.ToUnixTimeSeconds(), oid = Guid.NewGuid() }));
        return $"{header}.{payload}.{Base64Url("not-signed")}";
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
