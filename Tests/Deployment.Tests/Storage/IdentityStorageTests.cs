using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using HeadCt.Deployment.Tests.Support;
using HeadCt.ServiceDefaults.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace HeadCt.Deployment.Tests.Storage;

/// <summary>
/// The services' storage wiring (ServiceDefaults AddAzureStorageClients) configured as in Azure, with endpoints and no key,
/// against Azurite that demands OAuth bearer tokens over HTTPS: DefaultAzureCredential gets its tokens from a managed
/// identity endpoint (IDENTITY_ENDPOINT/IDENTITY_HEADER, as Container Apps provides), the host starts, its storage health
/// checks pass, and blobs and queue messages make the round trip. Azurite refuses a token for another audience, so the
/// tokens are really checked.
/// </summary>
public sealed class IdentityStorageTests : IAsyncLifetime
{
    private AzuriteWithOAuth azurite = null!;
    private FakeManagedIdentityEndpoint identity = null!;

    public async Task InitializeAsync()
    {
        azurite = await AzuriteWithOAuth.StartAsync();
        identity = await FakeManagedIdentityEndpoint.StartAsync();
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", new Uri(identity.Address, "/msi/token").ToString());
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", identity.Secret);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("IDENTITY_ENDPOINT", null);
        Environment.SetEnvironmentVariable("IDENTITY_HEADER", null);
        await identity.DisposeAsync();
        await azurite.DisposeAsync();
    }

    [Fact]
    public async Task GivenEndpointsWithoutAKey_WhenTheHostStarts_ThenItsStorageIsHealthyAndRoundTripsWithManagedIdentityTokens()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:storage"] = $"BlobEndpoint={azurite.BlobEndpoint};QueueEndpoint={azurite.QueueEndpoint}";
        builder.AddAzureStorageClients("storage", new StorageResilience(TimeSpan.FromSeconds(10), 2, 5, TimeSpan.FromSeconds(5)),
            options => options.Transport = Transport());
        using var host = builder.Build();
        await host.StartAsync();

        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.True(health.Status == HealthStatus.Healthy,
            string.Join("; ", health.Entries.Select(e => $"{e.Key}: {e.Value.Status} {e.Value.Exception?.Message}")));

        var container = host.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient("dicom");
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient("study/instance.dcm");
        await blob.UploadAsync(BinaryData.FromString("DICM"), overwrite: true);
        Assert.Equal("DICM", (await blob.DownloadContentAsync()).Value.Content.ToString());

        var queue = host.Services.GetRequiredService<QueueServiceClient>().GetQueueClient("jobs");
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("{\"id\":\"0123\"}");
        var received = await queue.ReceiveMessageAsync();
        Assert.Equal("{\"id\":\"0123\"}", received.Value.MessageText);

        Assert.True(identity.Requests > 0, "no token was asked of the managed identity endpoint");
        await host.StopAsync();
    }

    [Fact]
    public async Task GivenATokenForAnotherAudience_WhenUsedAgainstAzurite_ThenItIsRefused()
    {
        var token = FakeManagedIdentityEndpoint.Jwt("https://vault.azure.net", "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/", DateTimeOffset.UtcNow.AddHours(1));
        var client = new BlobServiceClient(azurite.BlobEndpoint, new FixedToken(token), new BlobClientOptions { Transport = Transport() });

        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetPropertiesAsync());

        Assert.Contains(refused.Status, new[] { 401, 403 });
    }

    private HttpClientTransport Transport() => new(new HttpClient(azurite.Certificate.PinnedHandler()));

    private sealed class FixedToken(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
