using System.Net;
using System.Text.Json;
using HeadCt.Imaging;
using HeadCt.Imaging.Anatomy;
using HeadCt.Imaging.Volume;
using HeadCt.Platform.Tests.Support;
using Xunit.Abstractions;

namespace HeadCt.Platform.Tests.Services;

/// <summary>
/// Issue 15, done when: every real CT series of the shared corpus, uploaded through the gateway, comes back either
/// not applicable with its reasons (no probability, no decision, the raw output under <c>prediction.withheldOutput</c>,
/// attention answered 404 <c>attention-not-available</c>) or below the model's threshold with the attention peak inside
/// the intracranial cavity. And the public OpenAPI document describes the applicability.
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class ApplicabilityEndToEndTests(ServicesAppFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromSeconds(120);

    public static TheoryData<string> RealCtSeries() =>
    [
        "series/ct_head_ge_hispeed_gantry_tilt",
        "series/ct_head_toshiba_aquilion_axial_brain",
        "series/ct_3slice_implicit_dcmqi",
        "series/ct_head_mini_16x16",
    ];

    [Theory]
    [MemberData(nameof(RealCtSeries))]
    public async Task GivenARealCtSeries_WhenProcessed_ThenTheModelDoesNotApplyWithReasons_OrIsBelowItsThresholdWithThePeakInsideTheCavity(string series)
    {
        var files = CorpusFiles.SeriesFiles(series);
        using var gateway = fixture.CreateGatewayClient();

        var id = await StudyUploader.UploadAsync(gateway, files);
        var (document, _) = await ResultPolling.WaitForStatusAsync(gateway, id, ProcessingTimeout, "completed", "failed");

        Assert.True("completed" == document.GetProperty("status").GetString(), document.ToString());
        var applicability = document.GetProperty("applicability");
        var prediction = document.GetProperty("prediction");
        var checks = applicability.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(["modality", "head", "sliceThickness", "contrast", "age", "outOfDistribution"], checks.Select(check => check.GetProperty("name").GetString()));
        using var attention = await gateway.GetAsync($"/attention-maps/{id}");
        if (!applicability.GetProperty("applicable").GetBoolean())
        {
            var failed = checks.Where(check => !check.GetProperty("passed").GetBoolean()).ToList();
            output.WriteLine($"{series}: not applicable ({string.Join("; ", failed.Select(check => check.GetProperty("name").GetString() + ": " + check.GetProperty("reason").GetString()))}); " +
                $"withheld p = {prediction.GetProperty("withheldOutput").GetProperty("probability").GetDouble():F6}");
            Assert.NotEmpty(failed);
            Assert.All(failed, check => Assert.False(string.IsNullOrWhiteSpace(check.GetProperty("reason").GetString())));
            Assert.False(string.IsNullOrWhiteSpace(applicability.GetProperty("summary").GetString()));
            Assert.Equal(JsonValueKind.Null, prediction.GetProperty("probability").ValueKind);
            Assert.Equal(JsonValueKind.Null, prediction.GetProperty("positive").ValueKind);
            Assert.Equal(JsonValueKind.Null, prediction.GetProperty("attention").ValueKind);
            Assert.InRange(prediction.GetProperty("withheldOutput").GetProperty("probability").GetDouble(), 0, 1);
            var problem = await ProblemAssert.IsProblemAsync(attention, HttpStatusCode.NotFound, "attention-not-available");
            Assert.Contains("does not apply", problem.GetProperty("detail").GetString());
            return;
        }

        var probability = prediction.GetProperty("probability").GetDouble();
        var peak = prediction.GetProperty("attention").GetProperty("peak");
        output.WriteLine($"{series}: applicable, p = {probability:F6}, peak {peak}");
        Assert.False(prediction.GetProperty("positive").GetBoolean(), $"p = {probability} at or above the threshold on a real normal head");
        Assert.Equal(HttpStatusCode.OK, attention.StatusCode);
        var volume = StudyImaging.Build(files, ImagingOptions.Default with { Projections = [] }).Volume!;
        var mm = peak.GetProperty("patientMm").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var voxel = volume.Geometry.VoxelIndex(new Vector3d(mm[0], mm[1], mm[2]));
        Assert.True(IntracranialMaskBuilder.Compute(volume).Contains((int)Math.Round(voxel.X), (int)Math.Round(voxel.Y), (int)Math.Round(voxel.Z)),
            $"the attention peak at {voxel} lies outside the intracranial cavity");
    }

    [Fact]
    public async Task GivenThePublicOpenApiDocument_WhenRead_ThenTheResultDescribesApplicabilityAndTheWithheldOutput()
    {
        using var gateway = fixture.CreateGatewayClient();

        using var response = await gateway.GetAsync("/openapi/v1.json");
        var schemas = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("components").GetProperty("schemas");

        var check = schemas.GetProperty("ApplicabilityCheckRecord").GetProperty("properties");
        foreach (var name in new[] { "name", "passed", "value", "expected", "reason" })
            Assert.True(check.TryGetProperty(name, out _), $"ApplicabilityCheckRecord lacks {name}");
        Assert.True(schemas.GetProperty("ApplicabilityRecord").GetProperty("properties").TryGetProperty("applicable", out _));
        Assert.True(schemas.GetProperty("PredictionRecord").GetProperty("properties").TryGetProperty("withheldOutput", out _));
        Assert.True(schemas.GetProperty("ResultDocumentSchema").GetProperty("properties").TryGetProperty("applicability", out _));
    }
}
