using System.Diagnostics;
using System.Text.Json;

namespace HeadCt.EndToEnd;

/// <summary>
/// What a viewer asks for once a study is completed, timed through the gateway. Images are drawn on request, so this
/// is where their cost shows: the first view (the attention summary with its base64 key slice, the key slice and its
/// heat map, the three centre planes) and then every image the result offers, six requests at a time as a browser would.
/// </summary>
public static class ViewerLoad
{
    private const int BrowserConnections = 6;

    public static async Task<(double FirstViewMs, double AllImagesMs, int ImageCount)> MeasureAsync(HttpClient gateway, JsonElement document)
    {
        var id = document.GetProperty("id").GetString()!;
        var keySlice = document.GetProperty("prediction").GetProperty("attention").GetProperty("keySlices")[0].GetInt32();
        string[] first =
        [
            $"/attention-maps/{id}",
            $"/studies/{id}/slices/{keySlice}.png?window=brain",
            $"/attention-maps/{id}/heatmaps/{keySlice}.png",
            $"/projections/{id}/axial.png?window=brain&mode=plane",
            $"/projections/{id}/coronal.png?window=brain&mode=plane",
            $"/projections/{id}/sagittal.png?window=brain&mode=plane",
        ];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(first.Select(link => FetchAsync(gateway, link)));
        var firstViewMs = watch.Elapsed.TotalMilliseconds;

        var sliceCount = document.GetProperty("imaging").GetProperty("slices").GetProperty("count").GetInt32();
        var all = Enumerable.Range(0, sliceCount)
            .SelectMany(index => new[] { $"/studies/{id}/slices/{index}.png?window=brain", $"/attention-maps/{id}/heatmaps/{index}.png" })
            .Concat(document.GetProperty("imaging").GetProperty("projections").EnumerateArray().Select(p => p.GetProperty("link").GetString()!))
            .ToArray();
        watch.Restart();
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = BrowserConnections },
            async (link, _) => await FetchAsync(gateway, link));
        return (firstViewMs, watch.Elapsed.TotalMilliseconds, all.Length);
    }

    private static async Task FetchAsync(HttpClient gateway, string link)
    {
        using var response = await gateway.GetAsync(link);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{link}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await response.Content.ReadAsByteArrayAsync();
    }
}
