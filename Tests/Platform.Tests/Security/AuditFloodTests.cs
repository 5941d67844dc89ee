using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Security;

/// <summary>
/// Issue 16: any credential could fill the hour's audit append blob (one block per event, 50,000 blocks): 44,700
/// refused calls in 157 s, after which every successful answer was 503 until the next hour, and GET /audit failed with
/// 500. Events arriving together now share a block, blobs roll by block count and size (Security/AuditRollingTests), and
/// the trail is read in pages.
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class AuditFloodTests(ServicesAppFixture fixture)
{
    private const int Requests = 1000;

    [Fact]
    public async Task GivenAThousandRefusedRequestsAtOnce_WhenAudited_ThenTheyShareFewBlocksAndTheTrailStillServesAndPages()
    {
        var audit = new BlobServiceClient(await fixture.GetStorageConnectionStringAsync()).GetBlobContainerClient("audit");
        var blocksBefore = await CommittedBlocksAsync(audit);
        var started = DateTimeOffset.UtcNow.AddSeconds(-1);
        using var uploader = fixture.CreateAnonymousGatewayClient();

        var statuses = new HttpStatusCode[Requests];
        await Parallel.ForAsync(0, Requests, new ParallelOptions { MaxDegreeOfParallelism = 100 }, async (i, token) =>
        {
            // The uploader may not read results: each is a 403 that the trail records.
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/results/{Guid.NewGuid():N}");
            request.WithApiKey(TestCredentials.UploaderKey);
            using var response = await uploader.SendAsync(request, token);
            statuses[i] = response.StatusCode;
        });
        var blocksAdded = await CommittedBlocksAsync(audit) - blocksBefore;

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Forbidden, status));
        Assert.True(blocksAdded * 4 <= Requests, $"{Requests} audited requests took {blocksAdded} blocks; events arriving together must share one.");

        using var admin = fixture.CreateGatewayClient();
        using var page = await admin.GetAsync($"/audit?from={Uri.EscapeDataString(started.ToString("O"))}&limit=100");
        var body = JsonDocument.Parse(await page.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(100, body.GetProperty("events").GetArrayLength());
        var next = body.GetProperty("next").GetString()!;
        using var following = await admin.GetAsync(next);
        var followingBody = JsonDocument.Parse(await following.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, following.StatusCode);
        Assert.Empty(body.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString())
            .Intersect(followingBody.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString())));
    }

    private static async Task<long> CommittedBlocksAsync(BlobContainerClient audit)
    {
        if (!await audit.ExistsAsync())
        {
            return 0;
        }

        long blocks = 0;
        await foreach (var blob in audit.GetBlobsAsync())
        {
            blocks += (await audit.GetAppendBlobClient(blob.Name).GetPropertiesAsync()).Value.BlobCommittedBlockCount;
        }

        return blocks;
    }
}
