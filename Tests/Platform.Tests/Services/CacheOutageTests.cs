using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HeadCt.Platform.Tests.Infrastructure;
using HeadCt.Platform.Tests.Support;
using StackExchange.Redis;

namespace HeadCt.Platform.Tests.Services;

/// <summary>Results are served from blob storage while the cache is down, and the cache refills when it is back.</summary>
[Collection(ServicesCollection.Name)]
public sealed class CacheOutageTests(ServicesAppFixture fixture)
{
    [Fact]
    public async Task GivenCompletedStudy_WhenCacheIsStopped_ThenResultsAreServedFromBlob_AndAfterRestartTheCacheRefillsWithoutStaleData()
    {
        using var gateway = fixture.CreateGatewayClient();
        var id = await StudyUploader.UploadAsync(gateway, CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries).Take(3));
        var (_, completedETag) = await ResultPolling.WaitForStatusAsync(gateway, id, TimeSpan.FromSeconds(60), "completed");
        var cacheConnectionString = await fixture.GetCacheConnectionStringAsync();
        var key = $"headct:result:{id}";

        await fixture.StopAsync(ResourceNames.Cache);
        await fixture.WaitForStoppedAsync(ResourceNames.Cache);
        HttpResponseMessage duringOutage;
        HttpResponseMessage updateDuringOutage;
        try
        {
            duringOutage = await gateway.GetAsync($"/results/{id}");
            using var put = new HttpRequestMessage(HttpMethod.Put, $"/results/{id}")
            {
                Content = JsonContent.Create(new { comment = "written while the cache was down" }),
            };
            put.Headers.TryAddWithoutValidation("If-Match", completedETag);
            updateDuringOutage = await gateway.SendAsync(put);
        }
        finally
        {
            await fixture.StartAsync(ResourceNames.Cache);
            await fixture.WaitForHealthyAsync(ResourceNames.Cache);
        }

        var currentETag = updateDuringOutage.Headers.ETag?.ToString();
        var cached = await WaitForCachedETagAsync(gateway, id, cacheConnectionString, key, currentETag);
        using var afterRestart = await gateway.GetAsync($"/results/{id}");
        var document = JsonDocument.Parse(await afterRestart.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, duringOutage.StatusCode);
        Assert.Equal(completedETag, duringOutage.Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.OK, updateDuringOutage.StatusCode);
        Assert.Equal(currentETag, cached);
        Assert.Equal(currentETag, afterRestart.Headers.ETag?.ToString());
        Assert.Equal("written while the cache was down", document.GetProperty("metadata").GetProperty("comment").GetString());
    }

    /// <summary>Reads through the gateway until the cache holds the document; returns the cached ETag.</summary>
    private static async Task<string?> WaitForCachedETagAsync(
        HttpClient gateway, string id, string connectionString, string key, string? expectedETag)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(connectionString);
        string? cachedETag = null;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            using var read = await gateway.GetAsync($"/results/{id}");
            var value = await redis.GetDatabase().StringGetAsync(key);
            if (!value.IsNull)
            {
                var text = value.ToString();
                cachedETag = text[..text.IndexOf('\n')];
                if (cachedETag == expectedETag)
                {
                    return cachedETag;
                }
            }

            await Task.Delay(500);
        }

        return cachedETag;
    }
}
