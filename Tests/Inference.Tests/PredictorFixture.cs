using HeadCt.Inference.Models;
using HeadCt.Inference.Prediction;

namespace HeadCt.Inference.Tests;

/// <summary>One session of the committed model shared by the prediction tests, as the processor would hold it.</summary>
public sealed class PredictorFixture : IDisposable
{
    public LoadedModel Model { get; } = ModelLoader.Load(RepositoryModels.ManifestPath, 2);

    public VolumePredictor Predictor => new(Model);

    public void Dispose() => Model.Dispose();
}
