using System.Security.Cryptography;
using System.Text.Json.Nodes;
using HeadCt.Inference.Models;

namespace HeadCt.Inference.Tests;

/// <summary>A copy of the committed model in a temp folder, altered one way per test.</summary>
public sealed class ModelLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _manifestPath;
    private readonly string _onnxPath;
    private readonly JsonObject _manifest;

    public ModelLoaderTests()
    {
        _manifest = JsonNode.Parse(File.ReadAllText(RepositoryModels.ManifestPath))!.AsObject();
        var onnxName = (string)_manifest["onnxFile"]!;
        _onnxPath = Path.Combine(_folder.Path, onnxName);
        File.Copy(Path.Combine(RepositoryModels.Folder, onnxName), _onnxPath);
        _manifestPath = Path.Combine(_folder.Path, RepositoryModels.DemonstratorManifest);
        Save();
    }

    public void Dispose() => _folder.Dispose();

    private void Save() => File.WriteAllText(_manifestPath, _manifest.ToJsonString());

    private void RehashOnnx() => _manifest["sha256"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(_onnxPath)));

    private ModelLoadException LoadFails() => Assert.Throws<ModelLoadException>(() => ModelLoader.Load(_manifestPath, 1).Dispose());

    [Fact]
    public void GivenTheCommittedModel_WhenLoaded_ThenIdentityCarriesTheFileHash()
    {
        using var model = ModelLoader.Load(RepositoryModels.ManifestPath, 1);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(_onnxPath))), model.Identity.Sha256);
        Assert.Contains("not a medical device", model.Manifest.IntendedUse, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void GivenAnOnnxFileChangedAfterTheManifest_WhenLoaded_ThenRefusedForHashMismatch()
    {
        var bytes = File.ReadAllBytes(_onnxPath);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(_onnxPath, bytes);
        var error = LoadFails();
        Assert.Equal(ModelProblem.HashMismatch, error.Problem);
        Assert.Contains("SHA-256", error.Message);
    }

    [Fact]
    public void GivenATruncatedOnnxWithMatchingHash_WhenLoaded_ThenRefusedAsUnreadable()
    {
        var bytes = File.ReadAllBytes(_onnxPath);
        File.WriteAllBytes(_onnxPath, bytes[..(bytes.Length / 2)]);
        RehashOnnx();
        Save();
        var error = LoadFails();
        Assert.Equal(ModelProblem.OnnxUnreadable, error.Problem);
        Assert.Contains("cannot load", error.Message);
    }

    [Fact]
    public void GivenAManifestNamingAMissingOutput_WhenLoaded_ThenTheErrorNamesIt()
    {
        _manifest["output"]!["name"] = "probability";
        Save();
        var error = LoadFails();
        Assert.Equal(ModelProblem.OutputMissing, error.Problem);
        Assert.Contains("'probability'", error.Message);
    }

    [Fact]
    public void GivenAManifestWithAnExtraChannel_WhenLoaded_ThenTheChannelAxisIsNamed()
    {
        _manifest["input"]!["channels"]!.AsArray().Add(new JsonObject { ["name"] = "extra", ["lowerHu"] = 0, ["upperHu"] = 10 });
        Save();
        var error = LoadFails();
        Assert.Equal(ModelProblem.InputMismatch, error.Problem);
        Assert.Contains("axis C", error.Message);
    }

    [Fact]
    public void GivenAManifestWithTheWrongInPlaneSize_WhenLoaded_ThenTheAxisIsNamed()
    {
        _manifest["input"]!["width"] = 128;
        Save();
        var error = LoadFails();
        Assert.Equal(ModelProblem.InputMismatch, error.Problem);
        Assert.Contains("axis W", error.Message);
    }

    [Fact]
    public void GivenClassWeightsThatDoNotMatchTheFeatureMap_WhenLoaded_ThenRefused()
    {
        _manifest["attention"]!["classWeights"]!.AsArray().RemoveAt(0);
        Save();
        var error = LoadFails();
        Assert.Equal(ModelProblem.AttentionMismatch, error.Problem);
    }

    [Fact]
    public void GivenAManifestThatIsNotJson_WhenLoaded_ThenRefusedAsUnreadable()
    {
        File.WriteAllText(_manifestPath, "{ not json");
        Assert.Equal(ModelProblem.ManifestUnreadable, LoadFails().Problem);
    }

    [Fact]
    public void GivenOutOfDistributionStatisticsOfTheWrongLength_WhenLoaded_ThenRefused()
    {
        var ood = _manifest["outOfDistribution"]!.AsObject();
        ood["precision"]!.AsArray().RemoveAt(0);
        Save();
        Assert.Equal(ModelProblem.ManifestInvalid, LoadFails().Problem);

        ood["precision"] = new JsonArray(1.0);
        ood["mean"] = new JsonArray(0.0);
        Save();
        var error = LoadFails();
        Assert.Equal(ModelProblem.OutOfDistributionMismatch, error.Problem);
        Assert.Contains("features", error.Message);
    }

    [Fact]
    public void GivenTheCommittedModel_WhenLoaded_ThenItsManifestDeclaresApplicabilityAndTrainingStatistics()
    {
        using var model = ModelLoader.Load(_manifestPath, 1);
        var manifest = model.Manifest;

        Assert.Equal(["CT"], manifest.Applicability.Modalities);
        Assert.Equal(new RangeSpec(0.6, 5.0), manifest.Applicability.SliceThicknessMm);
        Assert.Equal(ContrastRule.None, manifest.Applicability.Contrast);
        Assert.Equal(OodMethod.MahalanobisPooledFeatures, manifest.OutOfDistribution.Method);
        Assert.Equal(manifest.OutOfDistribution.Mean!.Count * manifest.OutOfDistribution.Mean.Count, manifest.OutOfDistribution.Precision!.Count);
    }
}
