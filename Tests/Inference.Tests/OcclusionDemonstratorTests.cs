using System.Text.Json;
using HeadCt.Imaging.Volume;
using HeadCt.Inference.Attention;
using HeadCt.Inference.Models;
using HeadCt.Inference.Phantoms;
using HeadCt.Inference.Prediction;
using HeadCt.Inference.Preprocessing;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace HeadCt.Inference.Tests;

/// <summary>
/// The committed demonstrator with its manifest stripped of the feature map (attention kind None): occlusion takes over.
/// Runs without PyTorch.
/// </summary>
public sealed class OcclusionDemonstratorTests : IDisposable
{
    private static readonly CtVolume Head = HeadPhantomGenerator.Generate(HeadPhantomSpec.Random(17, LesionKind.Subdural)).Volume;

    private readonly TempFolder _folder = new();
    private readonly ITestOutputHelper _output;

    public OcclusionDemonstratorTests(ITestOutputHelper output)
    {
        _output = output;
        var manifest = ManifestReader.Read(RepositoryModels.ManifestPath) with { Attention = new AttentionSource { Kind = AttentionKind.None } };
        File.Copy(Path.Combine(RepositoryModels.Folder, manifest.OnnxFile), Path.Combine(_folder.Path, manifest.OnnxFile));
        var manifestPath = Path.Combine(_folder.Path, "no-features" + ModelLoader.ManifestSuffix);
        File.WriteAllText(manifestPath, JsonSerializer.Serialize(manifest, ManifestReader.Json));
        Model = ModelLoader.Load(manifestPath, 2);
    }

    private LoadedModel Model { get; }

    public void Dispose()
    {
        Model.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void GivenOnePatchCoveringTheWholeInput_WhenOccluded_ThenTheMapIsTheDropToAnAllOutsideInputEverywhere()
    {
        var prediction = new VolumePredictor(Model, new OcclusionSettings { MaxPatches = 1 }).Predict(Head);

        var tensor = VolumePreprocessor.Run(Head, Model.Manifest.Input);
        var blank = new float[tensor.Data.Length];
        for (var c = 0; c < tensor.Channels; c++)
            Array.Fill(blank, tensor.OutsideWindowLevels[c], c * tensor.ChannelLength, tensor.ChannelLength);
        var blankProbability = Probability(blank, tensor);
        var expected = (float)Math.Max(0, prediction.Probability - blankProbability);

        var attention = prediction.Attention!;
        _output.WriteLine($"p = {prediction.Probability:F4}, all outside the windows {blankProbability:F4}, map {attention.Values[0]:F4}");
        Assert.Equal(AttentionMethod.Occlusion, attention.Method);
        Assert.Equal(1, attention.Occlusion!.PatchCount);
        Assert.Equal(1, attention.Occlusion.Runs);
        Assert.All(attention.Values, v => Assert.Equal(expected, v, 6));
    }

    [Fact]
    public void GivenAModelWithoutAttentionOutput_WhenPredicted_ThenOcclusionRunsWithinItsBudgetAndThePeakIsTheMapMaximum()
    {
        var settings = new OcclusionSettings { MaxPatches = 32 };
        var attention = new VolumePredictor(Model, settings).Predict(Head).Attention!;
        var report = attention.Occlusion!;
        _output.WriteLine($"{report.PatchesZ}×{report.PatchesY}×{report.PatchesX} patches of {report.PatchDepth}×{report.PatchHeight}×{report.PatchWidth}, " +
            $"{report.Runs} runs of up to {report.BatchSize}: {report.Elapsed.TotalMilliseconds:F0} ms; peak {attention.Peak}");
        Assert.Equal(AttentionMethod.Occlusion, attention.Method);
        Assert.InRange(report.PatchCount, 1, settings.MaxPatches);
        Assert.Equal((report.PatchCount + report.BatchSize - 1) / report.BatchSize, report.Runs);
        Assert.True(report.Elapsed > TimeSpan.Zero);
        Assert.True(attention.Values.Min() >= 0, "a drop is never negative");
        if (attention.Peak is { } peak)
            Assert.Equal(attention.Values.Max(), peak.Value);
    }

    [Fact]
    public void GivenMaxPatchesZero_WhenPredicted_ThenNoAttentionIsComputed()
    {
        Assert.Null(new VolumePredictor(Model, new OcclusionSettings { MaxPatches = 0 }).Predict(Head).Attention);
    }

    private double Probability(float[] data, ModelTensor tensor)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(data, [1, tensor.Channels, tensor.Depth, tensor.Height, tensor.Width]);
        using var runOptions = new RunOptions();
        using var outputs = Model.Session.Run(runOptions, [Model.Manifest.Input.Name], [input], [Model.Manifest.Output.Name]);
        return 1 / (1 + Math.Exp(-outputs[0].GetTensorDataAsSpan<float>()[0]));
    }
}
