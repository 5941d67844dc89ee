using System.Text;
using Azure.Storage.Blobs;
using HeadCt.Gateway.Audit;
using HeadCt.Platform.Tests.Support;
using Microsoft.Extensions.Options;

namespace HeadCt.Platform.Tests.Security;

/// <summary>
/// The trail's blobs roll by block count and size, not by hour (issue 16: the hour's blob filled at 50,000 blocks), and
/// a query reads across them in pages. The roller, writer format and reader run against the fixture's real Azurite,
/// in a container of their own with a limit of three blocks per blob.
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class AuditRollingTests(ServicesAppFixture fixture)
{
    [Fact]
    public async Task GivenBlobsLimitedToThreeBlocks_WhenTenBlocksAreAppended_ThenFourBlobsHoldThemAndPagesReadThemInOrder()
    {
        var blobs = new BlobServiceClient(await fixture.GetStorageConnectionStringAsync());
        var options = Options.Create(new AuditOptions { Container = "audit-roll-" + Guid.NewGuid().ToString("N")[..12], MaxBlocksPerBlob = 3 });
        var container = new AuditContainer(blobs, options);
        var roller = new AuditBlobRoller(container, options, TimeProvider.System);
        var reader = new AuditReader(container);
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        try
        {
            var written = new List<string>();
            for (var block = 0; block < 10; block++)
            {
                var events = Enumerable.Range(0, 2).Select(i => Event($"{block}-{i}")).ToArray();
                written.AddRange(events.Select(e => e.Id));
                await roller.AppendAsync(Encoding.UTF8.GetBytes(string.Concat(events.Select(e => System.Text.Json.JsonSerializer.Serialize(e,
                    new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)) + "\n"))), default);
            }

            var names = await new StorageProbe(await fixture.GetStorageConnectionStringAsync()).ListAsync(options.Value.Container, "");
            var query = new AuditQuery(start, DateTimeOffset.UtcNow.AddMinutes(1), null, null);
            var firstPage = await reader.ReadAsync(query, default).Take(7).ToListAsync();
            var rest = await reader.ReadAsync(query with { After = firstPage[^1].Next }, default).ToListAsync();

            Assert.Equal(4, names.Count);
            Assert.Equal(written, firstPage.Concat(rest).Select(read => read.Event.Id));
        }
        finally
        {
            await blobs.DeleteBlobContainerAsync(options.Value.Container);
        }
    }

    private static AuditEvent Event(string id) =>
        new(id, DateTimeOffset.UtcNow, "roll-test", "api-key", "view-result", null, "GET", "/results/x", 404, "127.0.0.1", "test");
}
