using System.Diagnostics;
using HeadCt.Imaging.Volume;
using HeadCt.Inference.Attention;
using HeadCt.Inference.Models;
using HeadCt.Inference.Preprocessing;
using Microsoft.ML.OnnxRuntime;

namespace HeadCt.Inference.Prediction;

/// <summary>
/// Runs a loaded model on a CT volume: preprocessing, one ONNX Runtime run on the model's shared session (thread-safe),
/// the score as probability and logit, and attention on the volume grid: CAM when the model exposes a feature map or a
/// <c>cam</c> output, else occlusion sensitivity (settings from the constructor, else the manifest, else the defaults).
/// </summary>
public sealed class VolumePredictor(LoadedModel model, OcclusionSettings? occlusion = null)
{
    public ModelIdentity Model => model.Identity;

    public StudyPrediction Predict(CtVolume volume)
    {
        var manifest = model.Manifest;
        var watch = Stopwatch.StartNew();
        var tensor = VolumePreprocessor.Run(volume, manifest.Input);
        var preprocessing = watch.Elapsed;
        var attentionOutput = manifest.Attention.Kind switch
        {
            AttentionKind.FeatureMapWithClassWeights => manifest.Attention.FeatureMapOutput,
            AttentionKind.CamOutput => manifest.Attention.CamOutput,
            _ => null,
        };
        string[] outputNames = attentionOutput is null ? [manifest.Output.Name] : [manifest.Output.Name, attentionOutput];
        using var input = OrtValue.CreateTensorValueFromMemory(tensor.Data, [1, tensor.Channels, tensor.Depth, tensor.Height, tensor.Width]);
        using var runOptions = new RunOptions();
        using var outputs = model.Session.Run(runOptions, [manifest.Input.Name], [input], outputNames);
        double score = outputs[0].GetTensorDataAsSpan<float>()[0];
        var (probability, logit) = manifest.Output.Kind == OutputKind.Logit
            ? (1 / (1 + Math.Exp(-score)), score)
            : (score, Math.Log(score / (1 - score)));
        var attention = attentionOutput is not null ? Attention(outputs[1], volume.Geometry) : Occlusion(tensor, probability, volume.Geometry);
        return new StudyPrediction(model.Identity, probability, logit, manifest.Output.DecisionThreshold, attention,
            preprocessing, watch.Elapsed - preprocessing);
    }

    private AttentionMap? Occlusion(ModelTensor tensor, double probability, VolumeGeometry geometry)
    {
        var settings = occlusion ?? model.Manifest.Attention.Occlusion ?? OcclusionSettings.Default;
        return settings.Enabled ? OcclusionSensitivity.Compute(model, tensor, probability, geometry, settings) : null;
    }

    private AttentionMap Attention(OrtValue output, VolumeGeometry geometry)
    {
        var shape = output.GetTensorTypeAndShape().Shape;
        var (channels, depth, height, width) = ((int)shape[1], (int)shape[2], (int)shape[3], (int)shape[4]);
        var values = output.GetTensorDataAsSpan<float>();
        var cam = model.Manifest.Attention.Kind == AttentionKind.CamOutput
            ? values.ToArray()
            : ClassActivationMap.Combine(values, channels, model.Manifest.Attention.ClassWeights!);
        return ClassActivationMap.ToVolume(cam, depth, height, width, geometry);
    }
}
