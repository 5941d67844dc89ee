using HeadCt.Inference.Models;
using HeadCt.Inference.Prediction;
using HeadCt.Processor.Telemetry;
using Microsoft.Extensions.Options;

namespace HeadCt.Processor.Inference;

/// <summary>
/// The models of the configured folder, loaded and checked once (hash, names, shapes); one ONNX Runtime session per
/// model is shared by every job. A relative folder is resolved against the application's own directory, where the
/// build copies <c>models/</c>.
/// </summary>
public sealed class ModelRegistry : IDisposable
{
    private readonly IReadOnlyList<LoadedModel> _models;

    public ModelRegistry(IOptions<InferenceOptions> inference, IOptions<ModelSelectionOptions> selection, ILogger<ModelRegistry> logger)
    {
        var options = inference.Value;
        var folder = Path.IsPathRooted(options.ModelsFolder) ? options.ModelsFolder : Path.Combine(AppContext.BaseDirectory, options.ModelsFolder);
        _models = ModelLoader.LoadFolder(new InferenceOptions { ModelsFolder = folder, IntraOpThreads = options.IntraOpThreads });
        try
        {
            Active = Select(_models, selection.Value.Model, folder);
            Shadows = [.. selection.Value.ShadowModels.Select(name => Shadow(_models, name, Active, folder))];
        }
        catch
        {
            Dispose();
            throw;
        }

        Predictor = new VolumePredictor(Active);
        foreach (var model in _models)
        {
            Log.ModelLoaded(logger, model.Identity.Name, model.Identity.Version, model.Identity.Sha256, model == Active);
        }
    }

    public LoadedModel Active { get; }

    public VolumePredictor Predictor { get; }

    /// <summary>The shadow models (configuration <c>Inference:ShadowModels</c>), never the active one.</summary>
    public IReadOnlyList<VolumePredictor> Shadows { get; } = [];

    public string ShadowIntendedUse(string name) => _models.First(model => model.Identity.Name == name).Manifest.IntendedUse;

    private static VolumePredictor Shadow(IReadOnlyList<LoadedModel> models, string name, LoadedModel active, string folder)
    {
        var model = models.FirstOrDefault(candidate => candidate.Identity.Name == name)
            ?? throw new ModelLoadException(ModelProblem.ManifestInvalid,
                $"Inference:ShadowModels names '{name}', but the models folder '{folder}' holds {Names(models)}.");
        return model == active
            ? throw new ModelLoadException(ModelProblem.ManifestInvalid, $"'{name}' is the active model; it cannot also be a shadow.")
            : new VolumePredictor(model);
    }

    private static LoadedModel Select(IReadOnlyList<LoadedModel> models, string? name, string folder)
    {
        if (models.Count == 0)
        {
            throw new ModelLoadException(ModelProblem.OnnxMissing, $"The models folder '{folder}' holds no *{ModelLoader.ManifestSuffix}.");
        }

        if (name is null)
        {
            return models.Count == 1
                ? models[0]
                : throw new ModelLoadException(ModelProblem.ManifestInvalid,
                    $"The models folder '{folder}' holds {models.Count} models ({Names(models)}); set Inference:Model to one of them.");
        }

        return models.FirstOrDefault(model => model.Identity.Name == name)
            ?? throw new ModelLoadException(ModelProblem.ManifestInvalid,
                $"Inference:Model is '{name}', but the models folder '{folder}' holds {Names(models)}.");
    }

    private static string Names(IReadOnlyList<LoadedModel> models) => string.Join(", ", models.Select(model => model.Identity.Name));

    public void Dispose()
    {
        foreach (var model in _models)
        {
            model.Dispose();
        }
    }
}
