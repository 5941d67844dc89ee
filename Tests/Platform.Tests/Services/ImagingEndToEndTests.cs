using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HeadCt.Platform.Tests.Support;
using SkiaSharp;

namespace HeadCt.Platform.Tests.Services;

/// <summary>
/// A real tilted head CT series through the whole system: volume geometry and tilt in the result document agree with
/// values computed here from the DICOM positions, and the stored PNGs are served through the gateway.
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class ImagingEndToEndTests(ServicesAppFixture fixture)
{
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task GivenGeTiltedHeadSeries_WhenProcessed_ThenDecisionGeometryTiltAndProjectionsAreRecordedAndServed()
    {
        var files = CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries);
        var expected = ExpectedGeometry.FromDicom(files);
        using var gateway = fixture.CreateGatewayClient();

        var id = await StudyUploader.UploadAsync(gateway, files);
        var (document, _) = await ResultPolling.WaitForStatusAsync(gateway, id, ProcessingTimeout, "completed", "failed");

        Assert.True("completed" == document.GetProperty("status").GetString(), document.ToString());
        var imaging = document.GetProperty("imaging");
        var decision = imaging.GetProperty("decision");
        Assert.Equal(expected.SeriesInstanceUid, decision.GetProperty("seriesInstanceUid").GetString());
        Assert.False(string.IsNullOrWhiteSpace(decision.GetProperty("reason").GetString()));
        Assert.Empty(decision.GetProperty("skipped").EnumerateArray());

        var geometry = imaging.GetProperty("geometry");
        Assert.Equal(expected.Columns, geometry.GetProperty("sizeX").GetInt32());
        Assert.Equal(expected.Rows, geometry.GetProperty("sizeY").GetInt32());
        Assert.Equal(expected.SizeZ, geometry.GetProperty("sizeZ").GetInt32());
        Assert.Equal(expected.ColumnSpacing, geometry.GetProperty("spacingX").GetDouble(), 1e-6);
        Assert.Equal(expected.RowSpacing, geometry.GetProperty("spacingY").GetDouble(), 1e-6);
        Assert.Equal(expected.SliceGap, geometry.GetProperty("spacingZ").GetDouble(), 1e-3);
        var affine = geometry.GetProperty("affine").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(16, affine.Length);
        for (var axis = 0; axis < 3; axis++)
        {
            // Column 0 of the affine is the row direction times the column spacing (PS3.3 C.7.6.2.1.1).
            Assert.Equal(expected.RowCosines[axis] * expected.ColumnSpacing, affine[axis * 4], 1e-6);
            Assert.Equal(expected.ColumnCosines[axis] * expected.RowSpacing, affine[axis * 4 + 1], 1e-6);
        }

        var report = imaging.GetProperty("report");
        Assert.True(expected.TiltDegrees > 0.5, $"The corpus series is expected to be tilted; computed {expected.TiltDegrees}°.");
        Assert.Equal(expected.TiltDegrees, report.GetProperty("tiltDegrees").GetDouble(), 0.05);
        Assert.True(report.GetProperty("tiltCorrected").GetBoolean());

        var slices = imaging.GetProperty("slices");
        var sliceCount = slices.GetProperty("count").GetInt32();
        Assert.Equal(expected.SizeZ, sliceCount);

        using var projections = await gateway.GetAsync($"/projections/{id}");
        Assert.Equal(HttpStatusCode.OK, projections.StatusCode);
        var body = JsonDocument.Parse(await projections.Content.ReadAsStringAsync()).RootElement;
        var extentX = expected.Columns * expected.ColumnSpacing;
        var extentY = expected.Rows * expected.RowSpacing;
        var extentZ = expected.SizeZ * expected.SliceGap;
        var axial = AssertNotBlankPng(Convert.FromBase64String(body.GetProperty("axial").GetString()!));
        var coronal = AssertNotBlankPng(Convert.FromBase64String(body.GetProperty("coronal").GetString()!));
        var sagittal = AssertNotBlankPng(Convert.FromBase64String(body.GetProperty("sagittal").GetString()!));
        AssertAspect(axial, extentX / extentY);
        AssertAspect(coronal, extentX / extentZ);
        AssertAspect(sagittal, extentY / extentZ);

        var links = body.GetProperty("links").EnumerateArray().ToList();
        Assert.Equal(3 * 4 * 4, links.Count);
        var coronalMip = links.Single(link => link.GetProperty("key").GetString() == "coronal-mip-10mm-brain").GetProperty("link").GetString()!;
        Assert.Equal($"/projections/{id}/coronal.png?window=brain&mode=mip&slab=10", coronalMip);
        using var png = await gateway.GetAsync(coronalMip);
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(png.Headers.ETag);
        Assert.True(png.Headers.CacheControl?.MaxAge > TimeSpan.Zero, "The PNG is cacheable.");
        AssertAspect(AssertNotBlankPng(await png.Content.ReadAsByteArrayAsync()), extentX / extentZ);
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, coronalMip);
        revalidate.Headers.IfNoneMatch.Add(png.Headers.ETag!);
        using var notModified = await gateway.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(png.Headers.ETag, notModified.Headers.ETag);

        using var slice = await gateway.GetAsync($"/studies/{id}/slices/{sliceCount / 2}.png?window=brain");
        Assert.Equal(HttpStatusCode.OK, slice.StatusCode);
        Assert.Equal("image/png", slice.Content.Headers.ContentType?.MediaType);
        AssertAspect(AssertNotBlankPng(await slice.Content.ReadAsByteArrayAsync()), extentX / extentY);
        using var beyond = await gateway.GetAsync($"/studies/{id}/slices/{sliceCount}.png");
        await ProblemAssert.IsProblemAsync(beyond, HttpStatusCode.NotFound, "slice-out-of-range");
        using var badPlane = await gateway.GetAsync($"/projections/{id}/oblique.png?window=brain");
        var badPlaneProblem = await ProblemAssert.IsProblemAsync(badPlane, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Contains("axial, coronal, sagittal", badPlaneProblem.GetProperty("detail").GetString());
        using var badWindow = await gateway.GetAsync($"/projections/{id}/axial.png?window=lung");
        await ProblemAssert.IsProblemAsync(badWindow, HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task GivenTooFewSlices_WhenProcessed_ThenTheStudyFailsOnceWithTheReasonAndItsSeriesDecision()
    {
        var files = CorpusFiles.SeriesFiles(CorpusFiles.GeHeadSeries).Take(2).ToList();
        using var gateway = fixture.CreateGatewayClient();

        var id = await StudyUploader.UploadAsync(gateway, files);
        var (document, _) = await ResultPolling.WaitForStatusAsync(gateway, id, ProcessingTimeout, "completed", "failed");

        Assert.Equal("failed", document.GetProperty("status").GetString());
        Assert.Equal(1, document.GetProperty("attempts").GetInt64());
        var reason = document.GetProperty("failureReason").GetString();
        Assert.Contains("TooFewSlices", reason);
        Assert.Contains("2", reason);
        Assert.Equal(ExpectedGeometry.FromDicom(files).SeriesInstanceUid,
            document.GetProperty("imaging").GetProperty("decision").GetProperty("seriesInstanceUid").GetString());
        using var projections = await gateway.GetAsync($"/projections/{id}");
        var problem = await ProblemAssert.IsProblemAsync(projections, HttpStatusCode.Conflict, "not-completed");
        Assert.Equal("failed", problem.GetProperty("studyStatus").GetString());
    }

    private static SKBitmap AssertNotBlankPng(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "PNG signature");
        var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        double sum = 0, sumOfSquares = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var grey = (double)bitmap.GetPixel(x, y).Red;
                sum += grey;
                sumOfSquares += grey * grey;
            }
        }

        var count = (double)bitmap.Width * bitmap.Height;
        var variance = sumOfSquares / count - sum / count * (sum / count);
        Assert.True(variance > 0, $"A {bitmap.Width}×{bitmap.Height} PNG is blank.");
        return bitmap;
    }

    /// <summary>Width/height equals the physical extent ratio up to one pixel of rounding on either side.</summary>
    private static void AssertAspect(SKBitmap image, double expectedRatio)
    {
        var ratio = (double)image.Width / image.Height;
        var tolerance = expectedRatio * (1.0 / image.Width + 1.0 / image.Height);
        Assert.True(Math.Abs(ratio - expectedRatio) <= tolerance,
            $"{image.Width}×{image.Height} has aspect {ratio:F4}, expected {expectedRatio:F4} ± {tolerance:F4}.");
        image.Dispose();
    }
}
