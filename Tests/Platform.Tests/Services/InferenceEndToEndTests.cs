using System.Net;
using System.Text.Json;
using HeadCt.Inference.Phantoms;
using HeadCt.Platform.Tests.Infrastructure;
using HeadCt.Platform.Tests.Support;
using SkiaSharp;

namespace HeadCt.Platform.Tests.Services;

/// <summary>
/// A synthetic head with a subdural lesion, written as DICOM here, through the whole system: the result names the
/// committed model exactly (name, version, SHA-256 of the file), carries the probability and the decision against the
/// model's own threshold, and the attention maps are served (original base64 contract, overlays, heat maps).
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class InferenceEndToEndTests(ServicesAppFixture fixture) : IDisposable
{
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromSeconds(90);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "headct-inference-e2e", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task GivenPhantomWithLesion_WhenProcessed_ThenResultHasModelIdentityProbabilityAndServedAttentionMaps()
    {
        var phantom = HeadPhantomGenerator.Generate(HeadPhantomSpec.Random(7, LesionKind.Subdural));
        var files = PhantomDicomWriter.Write(phantom, _folder);
        var manifest = CommittedManifest();
        using var gateway = fixture.CreateGatewayClient();

        var id = await StudyUploader.UploadAsync(gateway, files);
        var (document, _) = await ResultPolling.WaitForStatusAsync(gateway, id, ProcessingTimeout, "completed", "failed");

        Assert.True("completed" == document.GetProperty("status").GetString(), document.ToString());
        var prediction = document.GetProperty("prediction");
        var model = prediction.GetProperty("model");
        Assert.Equal(manifest.GetProperty("name").GetString(), model.GetProperty("name").GetString());
        Assert.Equal(manifest.GetProperty("version").GetString(), model.GetProperty("version").GetString());
        Assert.Equal(manifest.GetProperty("sha256").GetString(), model.GetProperty("sha256").GetString());
        Assert.Equal(manifest.GetProperty("intendedUse").GetString(), model.GetProperty("intendedUse").GetString());
        var probability = prediction.GetProperty("probability").GetDouble();
        var threshold = prediction.GetProperty("decisionThreshold").GetDouble();
        Assert.InRange(probability, 0, 1);
        Assert.Equal(manifest.GetProperty("output").GetProperty("decisionThreshold").GetDouble(), threshold);
        Assert.Equal(probability >= threshold, prediction.GetProperty("positive").GetBoolean());
        Assert.Equal(1 / (1 + Math.Exp(-prediction.GetProperty("logit").GetDouble())), probability, 1e-9);
        foreach (var stage in new[] { "download", "parse", "volume", "inference", "attention" })
        {
            Assert.True(document.GetProperty("timings").TryGetProperty(stage, out _), $"no timing for stage {stage}: {document}");
        }

        var sliceCount = document.GetProperty("imaging").GetProperty("slices").GetProperty("count").GetInt32();
        var attention = prediction.GetProperty("attention");
        Assert.Equal("cam", attention.GetProperty("method").GetString());
        var keySlices = attention.GetProperty("keySlices").EnumerateArray().Select(slice => slice.GetInt32()).ToArray();
        Assert.NotEmpty(keySlices);
        Assert.All(keySlices, slice => Assert.InRange(slice, 0, sliceCount - 1));
        var peak = attention.GetProperty("peak");
        Assert.InRange(peak.GetProperty("slice").GetInt32(), 0, sliceCount - 1);
        Assert.Equal(3, peak.GetProperty("patientMm").GetArrayLength());

        using var maps = await gateway.GetAsync($"/attention-maps/{id}");
        Assert.Equal(HttpStatusCode.OK, maps.StatusCode);
        var body = JsonDocument.Parse(await maps.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(keySlices[0], body.GetProperty("keySlice").GetInt32());
        using var keyImage = SKBitmap.Decode(Convert.FromBase64String(body.GetProperty("attention_map").GetString()!));
        using var slicePng = await DecodeAsync(gateway, $"/studies/{id}/slices/{keySlices[0]}.png?window=brain");
        Assert.Equal((slicePng.Width, slicePng.Height), (keyImage.Width, keyImage.Height));
        Assert.True(CountColoured(keyImage) > 0, "the key slice shows no heat colour");

        var overlays = body.GetProperty("overlays").EnumerateArray().ToList();
        Assert.Equal(keySlices, overlays.Select(overlay => overlay.GetProperty("slice").GetInt32()));
        using var overlay = await DecodeAsync(gateway, overlays[0].GetProperty("link").GetString()!);
        Assert.Equal(keyImage.Width, overlay.Width);

        var heatmaps = body.GetProperty("heatmaps");
        Assert.Equal(sliceCount, heatmaps.GetProperty("count").GetInt32());
        using var heat = await DecodeAsync(gateway, heatmaps.GetProperty("link").GetString()!.Replace("{index}", keySlices[0].ToString()));
        Assert.InRange(Math.Max(heat.Width, heat.Height), 1, 128);
        Assert.True(heat.Pixels.Any(pixel => pixel.Alpha > 0), "the key slice's heat map is transparent everywhere");

        var notKey = Enumerable.Range(0, sliceCount).First(slice => !keySlices.Contains(slice));
        using var notStored = await gateway.GetAsync($"/attention-maps/{id}/overlays/{notKey}.png");
        await ProblemAssert.IsProblemAsync(notStored, HttpStatusCode.NotFound, "attention-not-available");
        using var beyond = await gateway.GetAsync($"/attention-maps/{id}/heatmaps/{sliceCount}.png");
        await ProblemAssert.IsProblemAsync(beyond, HttpStatusCode.NotFound, "slice-out-of-range");

        await AssertDicomResultObjectsAsync(gateway, id, files[0]);
    }

    /// <summary>The study's DICOM result objects are listed and each downloads as a Part 10 file of the source study.</summary>
    private static async Task AssertDicomResultObjectsAsync(HttpClient gateway, string id, string sourceFile)
    {
        using var list = await gateway.GetAsync($"/results/{id}/dicom");
        var body = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement;
        Assert.True(HttpStatusCode.OK == list.StatusCode, body.ToString());
        var objects = body.GetProperty("objects").EnumerateArray().ToList();
        Assert.Contains("SR", objects.Select(item => item.GetProperty("modality").GetString()));
        Assert.Contains("OT", objects.Select(item => item.GetProperty("modality").GetString()));
        var studyUid = HeadCt.Dicom.DicomReader.ReadFile(sourceFile).Dataset.GetString(HeadCt.Dicom.DicomTags.StudyInstanceUid);
        foreach (var item in objects)
        {
            using var download = await gateway.GetAsync(item.GetProperty("link").GetString());
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/dicom", download.Content.Headers.ContentType?.MediaType);
            var file = HeadCt.Dicom.DicomReader.Read(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));
            Assert.Equal(studyUid, file.Dataset.GetString(HeadCt.Dicom.DicomTags.StudyInstanceUid));
            Assert.Equal(item.GetProperty("sopInstanceUid").GetString(), file.Dataset.GetString(HeadCt.Dicom.DicomTags.SopInstanceUid));
        }

        using var unknown = await gateway.GetAsync($"/results/{id}/dicom/2.25.1");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static JsonElement CommittedManifest()
    {
        var path = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "models"), "*.manifest.json").Single();
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement;
    }

    private static async Task<SKBitmap> DecodeAsync(HttpClient gateway, string link)
    {
        using var response = await gateway.GetAsync(link);
        Assert.True(HttpStatusCode.OK == response.StatusCode, $"{link}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        return SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
    }

    private static int CountColoured(SKBitmap image) =>
        image.Pixels.Count(pixel => pixel.Red != pixel.Green || pixel.Green != pixel.Blue);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
            File.Delete(_folder + "-mask.npy");
        }
        catch (IOException)
        {
        }
    }
}
