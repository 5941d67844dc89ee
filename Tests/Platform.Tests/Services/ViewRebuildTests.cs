using System.Net;
using System.Text.Json;
using HeadCt.Inference.Phantoms;
using HeadCt.Platform.Tests.Infrastructure;
using HeadCt.Platform.Tests.Support;

namespace HeadCt.Platform.Tests.Services;

/// <summary>
/// Images are drawn on request from a study's view, which the job leaves in the processor's memory. After a restart
/// that memory is empty: the view is rebuilt from the stored instances and attention grid, and every image must come
/// out byte for byte as before, under the same ETag, so a client's cached copy stays valid.
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class ViewRebuildTests(ServicesAppFixture fixture) : IDisposable
{
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromSeconds(90);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "headct-view-rebuild", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task GivenACompletedStudy_WhenTheProcessorRestarts_ThenItsImagesAreDrawnAgainIdentically()
    {
        var phantom = HeadPhantomGenerator.Generate(HeadPhantomSpec.Random(23, LesionKind.Intraparenchymal));
        using var gateway = fixture.CreateGatewayClient();
        var id = await StudyUploader.UploadAsync(gateway, PhantomDicomWriter.Write(phantom, _folder));
        var (document, _) = await ResultPolling.WaitForStatusAsync(gateway, id, ProcessingTimeout, "completed", "failed");
        Assert.True("completed" == document.GetProperty("status").GetString(), document.ToString());
        var keySlice = document.GetProperty("prediction").GetProperty("attention").GetProperty("keySlices")[0].GetInt32();
        string[] links =
        [
            $"/studies/{id}/slices/{keySlice}.png?window=brain",
            $"/attention-maps/{id}/heatmaps/{keySlice}.png",
            $"/attention-maps/{id}/overlays/{keySlice}.png",
            $"/projections/{id}/coronal.png?window=bone&mode=mip&slab=10",
        ];
        var before = await FetchAllAsync(gateway, links);
        var centrePlanes = await JsonAsync(gateway, $"/projections/{id}");
        var attentionMap = (await JsonAsync(gateway, $"/attention-maps/{id}")).GetProperty("attention_map").GetString();

        await fixture.StopProjectAsync(ResourceNames.Processor);
        await fixture.StartProjectAsync(ResourceNames.Processor);

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, links[0]);
        revalidate.Headers.IfNoneMatch.Add(before[0].ETag);
        using var notModified = await gateway.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        var after = await FetchAllAsync(gateway, links);
        for (var i = 0; i < links.Length; i++)
        {
            Assert.True(before[i].Png.SequenceEqual(after[i].Png), $"{links[i]} changed when its view was rebuilt");
            Assert.Equal(before[i].ETag, after[i].ETag);
        }

        var centrePlanesAfter = await JsonAsync(gateway, $"/projections/{id}");
        foreach (var plane in new[] { "axial", "coronal", "sagittal" })
        {
            Assert.Equal(centrePlanes.GetProperty(plane).GetString(), centrePlanesAfter.GetProperty(plane).GetString());
        }

        Assert.Equal(attentionMap, (await JsonAsync(gateway, $"/attention-maps/{id}")).GetProperty("attention_map").GetString());
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static async Task<(byte[] Png, System.Net.Http.Headers.EntityTagHeaderValue ETag)[]> FetchAllAsync(HttpClient gateway, string[] links)
    {
        // At once, as a viewer asks: a view that must be rebuilt is rebuilt once for all of them.
        return await Task.WhenAll(links.Select(async link =>
        {
            using var response = await gateway.GetAsync(link);
            Assert.True(HttpStatusCode.OK == response.StatusCode, $"{link}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            return (await response.Content.ReadAsByteArrayAsync(), response.Headers.ETag!);
        }));
    }

    private static async Task<JsonElement> JsonAsync(HttpClient gateway, string link)
    {
        using var response = await gateway.GetAsync(link);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(HttpStatusCode.OK == response.StatusCode, $"{link}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
