using Microsoft.ML.OnnxRuntime;

namespace HeadCt.Inference.Models;

/// <summary>A validated model: its manifest and the one ONNX Runtime session reused for every study.</summary>
public sealed class LoadedModel(ModelManifest manifest, InferenceSession session, ModelIdentity identity) : IDisposable
{
    public ModelManifest Manifest { get; } = manifest;
    public InferenceSession Session { get; } = session;
    public ModelIdentity Identity { get; } = identity;

    public void Dispose() => Session.Dispose();
}
