using HeadCt.Inference.Models;
using HeadCt.Platform.Tests.Infrastructure;
using HeadCt.Processor.Inference;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HeadCt.Platform.Tests.Units;

/// <summary>What the processor does with its models folder at start-up (the registry is built by a hosted service).</summary>
public sealed class ModelRegistryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("headct-models-").FullName;

    [Fact]
    public void GivenTheCommittedModel_WhenLoaded_ThenItIsActiveWithTheManifestsIdentity()
    {
        using var registry = Registry(Path.Combine(RepositoryPaths.Root, "models"));

        Assert.Equal(FileHashOf(Path.Combine(RepositoryPaths.Root, "models", registry.Active.Manifest.OnnxFile)), registry.Active.Identity.Sha256);
        Assert.Equal(registry.Active.Identity, registry.Predictor.Model);
    }

    [Fact]
    public void GivenAnOnnxFileChangedAfterItsManifest_WhenTheProcessorStarts_ThenItRefusesNamingTheHashMismatch()
    {
        CopyCommittedModel();
        var onnx = Directory.GetFiles(_folder, "*.onnx").Single();
        var bytes = File.ReadAllBytes(onnx);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(onnx, bytes);

        var refusal = Assert.Throws<ModelLoadException>(() => Registry(_folder));

        Assert.Equal(ModelProblem.HashMismatch, refusal.Problem);
        Assert.Contains(Path.GetFileName(onnx), refusal.Message);
    }

    [Fact]
    public void GivenAnEmptyFolder_WhenTheProcessorStarts_ThenItRefusesSayingNoModelIsThere()
    {
        var refusal = Assert.Throws<ModelLoadException>(() => Registry(_folder));

        Assert.Contains("holds no", refusal.Message);
    }

    [Fact]
    public void GivenAModelNameThatIsNotInTheFolder_WhenTheProcessorStarts_ThenItRefusesListingTheModelsThere()
    {
        CopyCommittedModel();

        var refusal = Assert.Throws<ModelLoadException>(() => Registry(_folder, model: "no-such-model"));

        Assert.Contains("no-such-model", refusal.Message);
        Assert.Contains("hemorrhage-phantom-cnn", refusal.Message);
    }

    private static ModelRegistry Registry(string folder, string? model = null) => new(
        Options.Create(new InferenceOptions { ModelsFolder = folder, IntraOpThreads = 1 }),
        Options.Create(new ModelSelectionOptions { Model = model }),
        NullLogger<ModelRegistry>.Instance);

    private void CopyCommittedModel()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "models")))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }

    private static string FileHashOf(string path) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
