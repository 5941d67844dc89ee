using System.Text.Json;
using System.Text.Json.Nodes;
using HeadCt.Imaging;
using HeadCt.Imaging.Selection;
using HeadCt.Imaging.Volume;
using HeadCt.Inference.Prediction;
using HeadCt.Inference.Models;
using HeadCt.Inference.Phantoms;
using HeadCt.Inference.Preprocessing;
using Xunit.Abstractions;

namespace HeadCt.Inference.Tests;

/// <summary>Our pipeline against PyTorch on the original r3d_18 and its preprocessing exactly (issue 5 §6, issue 15 §7).</summary>
public sealed class CompatibilityR3d18Tests(CompatibilityR3d18Fixture run, ITestOutputHelper output) : IClassFixture<CompatibilityR3d18Fixture>
{
    [CompatibilityTorchFact]
    public void GivenOneSeries_WhenOurPipelineAndTorchRunTheRandomR3d18_ThenTheLogitsAgreeWithin1e4()
    {
        var torchLogit = run.Reference.GetProperty("logit").GetDouble();
        var torchTimings = run.Reference.GetProperty("timings");
        var g = run.Volume.Geometry;
        output.WriteLine($"series {g.SizeX}×{g.SizeY}×{g.SizeZ} → tensor {run.Tensor.Channels}×{run.Tensor.Depth}×{run.Tensor.Height}×{run.Tensor.Width}");
        output.WriteLine($"logit: ours {run.Prediction.Logit:F7}, torch {torchLogit:F7}, |Δ| {Math.Abs(run.Prediction.Logit - torchLogit):E2}");
        output.WriteLine($"export (python, incl. start) {run.ExportTime.TotalSeconds:F1} s; torch reference process {run.TorchTime.TotalSeconds:F1} s " +
            $"(read {Seconds(torchTimings, "readSeconds")}, preprocess {Seconds(torchTimings, "preprocessSeconds")}, build {Seconds(torchTimings, "buildSeconds")}, " +
            $"forward + CAM {Seconds(torchTimings, "inferenceSeconds")})");
        output.WriteLine($"ours: imaging {run.ImagingTime.TotalSeconds:F2} s, load + hash + session {run.LoadTime.TotalSeconds:F2} s, " +
            $"preprocessing {run.Prediction.Preprocessing.TotalSeconds:F3} s, ONNX + CAM {run.Prediction.Inference.TotalSeconds:F2} s");
        Assert.True(Math.Abs(run.Prediction.Logit - torchLogit) <= 1e-4, $"logit ours {run.Prediction.Logit}, torch {torchLogit}");
    }

    [CompatibilityTorchFact]
    public void GivenOneSeries_WhenBothPreprocess_ThenTheModelInputsAgreeWithin1e5()
    {
        var shape = run.Reference.GetProperty("tensorShape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal([1, run.Tensor.Channels, run.Tensor.Depth, run.Tensor.Height, run.Tensor.Width], shape);
        Assert.Equal([3, run.Volume.Geometry.SizeZ, 128, 128], new[] { run.Tensor.Channels, run.Tensor.Depth, run.Tensor.Height, run.Tensor.Width });
        var difference = MaxDifference(run.Tensor.Data, run.TorchTensor);
        output.WriteLine($"max |Δ| over {run.Tensor.Data.Length} inputs: {difference:E2}");
        Assert.True(difference <= 1e-5f, $"inputs differ by {difference}");
    }

    [CompatibilityTorchFact]
    public void GivenOneSeries_WhenBothMapAttention_ThenTheCamPeaksAndMapsAgree()
    {
        var attention = run.Prediction.Attention;
        Assert.NotNull(attention);
        Assert.NotNull(attention.Peak);
        var peak = run.Reference.GetProperty("camPeak").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var g = run.Volume.Geometry;
        var atTorchPeak = attention.Values[(peak[0] * g.SizeY + peak[1]) * g.SizeX + peak[2]];
        var difference = MaxDifference(attention.Values, run.TorchCam);
        output.WriteLine($"CAM peak ours (z {attention.Peak.Z}, y {attention.Peak.Y}, x {attention.Peak.X}) = {attention.Peak.Value:G6}, " +
            $"torch (z {peak[0]}, y {peak[1]}, x {peak[2]}); ours there {atTorchPeak:G6}; max |Δ| over the map {difference:E2}");
        // Trilinear upsampling can leave a plateau of equal maxima at the edges; either peak must then be a maximum of the other map.
        Assert.True(atTorchPeak >= attention.Peak.Value * (1 - 1e-5f), "torch's peak is not a maximum of our map");
        Assert.True(difference <= attention.Peak.Value * 1e-4f, $"maps differ by {difference} (peak {attention.Peak.Value})");
    }

    [CompatibilityTorchFact]
    public void GivenTheExport_WhenItsManifestIsRead_ThenItMatchesTheCommittedTemplateContract()
    {
        var exported = JsonNode.Parse(File.ReadAllText(run.ManifestPath))!;
        var template = CompatibilityTemplate.Read();
        Assert.Equal(JsonSerializer.Serialize(template.Input, ManifestReader.Json), JsonSerializer.Serialize(run.Model.Manifest.Input, ManifestReader.Json));
        Assert.Equal(template.Output, run.Model.Manifest.Output);
        Assert.Equal(template.Attention.Kind, run.Model.Manifest.Attention.Kind);
        Assert.Equal(template.Attention.FeatureMapOutput, run.Model.Manifest.Attention.FeatureMapOutput);
        Assert.Equal(512, exported["attention"]!["classWeights"]!.AsArray().Count);
    }

    /// <summary>200² → 128²: nearest-floor reads pixel ⌊i · 200 / 128⌋, not every k-th one.</summary>
    [CompatibilityTorchFact]
    public void GivenANonIntegralResizeRatio_WhenBothPreprocess_ThenTheModelInputsAgreeWithin1e5()
    {
        using var folder = new TempFolder();
        var spec = CompatibilityR3d18Fixture.Lesioned(33) with { SizeX = 200, SizeY = 200, SizeZ = 12, PixelSpacingMm = 1.15, SliceSpacingMm = 12 };
        var series = Path.Combine(folder.Path, "series");
        PhantomDicomWriter.Write(HeadPhantomGenerator.Generate(spec), series);
        var difference = PreprocessingDifference(series, folder, "200×200×12");
        Assert.True(difference <= 1e-5f, $"inputs differ by {difference}");
    }

    /// <summary>
    /// The GE head: tilted 18.5° (slices not perpendicular to z), gaps of 1.08–7.0 mm, Pixel Padding Value −1500, intercept
    /// 0. The original stacks its 28 slices by z as they are (our Imaging volume resamples it to 37); the model input and
    /// the logit must still agree.
    /// </summary>
    [CompatibilityTorchFact]
    public void GivenARealTiltedSeries_WhenBothRunTheOriginalPipeline_ThenInputsAndLogitsAgree()
    {
        using var folder = new TempFolder();
        var series = CorpusStudies.Folder(CorpusStudies.GeHead);
        var difference = PreprocessingDifference(series, folder, "GE tilted 512×512×28");
        CompatibilityPython.Run("training/r3d18/reference.py", "--series", series, "--random-init", "--seed", "0", "--out", folder.Path);
        var torchLogit = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.Path, "reference.json"))).RootElement.GetProperty("logit").GetDouble();
        var ours = new VolumePredictor(run.Model).Predict(StudyInput.From(CorpusStudies.Build(CorpusStudies.GeHead), null));
        output.WriteLine($"logit: ours {ours.Logit:F7}, torch {torchLogit:F7}, |Δ| {Math.Abs(ours.Logit - torchLogit):E2}");
        Assert.True(difference <= 1e-5f, $"inputs differ by {difference}");
        Assert.True(Math.Abs(ours.Logit - torchLogit) <= 1e-4, $"logit ours {ours.Logit}, torch {torchLogit}");
    }

    private float PreprocessingDifference(string series, TempFolder folder, string label)
    {
        CompatibilityPython.Run("training/r3d18/reference.py", "--series", series, "--preprocess-only", "--out", folder.Path);
        var torchTensor = CompatibilityR3d18Fixture.ReadFloats(Path.Combine(folder.Path, "tensor.f32"));
        var input = CompatibilityTemplate.Read().Input;
        var (instances, _) = InstanceFile.ReadFolder(series);
        var ours = VolumePreprocessor.Run(AcquiredStackBuilder.Build(instances, AcquiredOrder.PatientZ, storedValues: true), input);
        var difference = MaxDifference(ours.Data, torchTensor);
        output.WriteLine($"{label} → {ours.Channels}×{ours.Depth}×{ours.Height}×{ours.Width}: max |Δ| {difference:E2}");
        return difference;
    }

    private static float MaxDifference(float[] ours, float[] theirs)
    {
        Assert.Equal(ours.Length, theirs.Length);
        var max = 0f;
        for (var i = 0; i < ours.Length; i++)
            max = Math.Max(max, Math.Abs(ours[i] - theirs[i]));
        return max;
    }

    private static string Seconds(JsonElement timings, string name) =>
        timings.TryGetProperty(name, out var value) ? $"{value.GetDouble():F2} s" : "n/a";
}
