using System.Diagnostics;
using HeadCt.Imaging.Volume;
using HeadCt.Inference.Applicability;
using HeadCt.Inference.Attention;
using HeadCt.Inference.Models;
using HeadCt.Inference.Preprocessing;
using Microsoft.ML.OnnxRuntime;

namespace HeadCt.Inference.Prediction;

/// <summary>
/// Runs a loaded model on a study: preprocessing, one ONNX Runtime run on the model's shared session (thread-safe),
/// the score as probability and logit, the out-of-distribution score from the pooled features when the manifest has
/// training statistics, and attention on the volume grid (inside the intracranial cavity when it is given): CAM when
/// the model exposes a feature map or a <c>cam</c> output, else occlusion sensitivity (settings from the constructor,
/// else the manifest, else the defaults).
/// </summary>
public sealed class VolumePredictor(LoadedModel model, OcclusionSettings? occlusion = null)
{
    public ModelIdentity Model => model.Identity;

    public StudyPrediction Predict(CtVolume volume) => Predict(new StudyInput(volume));

    public StudyPrediction Predict(StudyInput study)
    {
        var manifest = model.Manifest;
        var watch = Stopwatch.StartNew();
        var source = manifest.Input.NeedsAcquiredSlices
            ? (study.AcquiredSlices ?? throw new InvalidOperationException(
                $"Model '{manifest.Name}' preprocesses the slices as acquired (windowOn {manifest.Input.WindowOn}, sortBy {manifest.Input.SortBy}); the study input does not provide them."))(manifest.Input)
            : VoxelStack.Of(study.Volume);
        var tensor = VolumePreprocessor.Run(source, manifest.Input);
        var preprocessing = watch.Elapsed;
        var attentionOutput = manifest.Attention.Kind switch
        {
            AttentionKind.FeatureMapWithClassWeights => manifest.Attention.FeatureMapOutput,
            AttentionKind.CamOutput => manifest.Attention.CamOutput,
            _ => null,
        };
        var oodOutput = manifest.OutOfDistribution.Method == OodMethod.MahalanobisPooledFeatures ? manifest.OutOfDistribution.FeatureOutput : null;
        var outputNames = new List<string> { manifest.Output.Name };
        foreach (var name in new[] { attentionOutput, oodOutput })
        {
            if (name is not null && !outputNames.Contains(name))
                outputNames.Add(name);
        }
        using var input = OrtValue.CreateTensorValueFromMemory(tensor.Data, [1, tensor.Channels, tensor.Depth, tensor.Height, tensor.Width]);
        using var runOptions = new RunOptions();
        using var outputs = model.Session.Run(runOptions, [manifest.Input.Name], [input], outputNames);
        double score = outputs[0].GetTensorDataAsSpan<float>()[0];
        var (probability, logit) = manifest.Output.Kind == OutputKind.Logit
            ? (1 / (1 + Math.Exp(-score)), score)
            : (score, Math.Log(score / (1 - score)));
        double? ood = oodOutput is null ? null : OodScore(outputs[outputNames.IndexOf(oodOutput)]);
        var attention = attentionOutput is not null
            ? Attention(outputs[outputNames.IndexOf(attentionOutput)], study)
            : Occlusion(tensor, probability, study);
        return new StudyPrediction(model.Identity, probability, logit, manifest.Output.DecisionThreshold, attention,
            preprocessing, watch.Elapsed - preprocessing) { OutOfDistributionScore = ood };
    }

    private double OodScore(OrtValue features)
    {
        var channels = (int)features.GetTensorTypeAndShape().Shape[1];
        return OutOfDistributionScorer.Score(model.Manifest.OutOfDistribution, features.GetTensorDataAsSpan<float>(), channels);
    }

    private AttentionMap? Occlusion(ModelTensor tensor, double probability, StudyInput study)
    {
        var settings = occlusion ?? model.Manifest.Attention.Occlusion ?? OcclusionSettings.Default;
        return settings.Enabled ? OcclusionSensitivity.Compute(model, tensor, probability, study.Volume.Geometry, settings, study.Cavity) : null;
    }

    private AttentionMap Attention(OrtValue output, StudyInput study)
    {
        var shape = output.GetTensorTypeAndShape().Shape;
        var (channels, depth, height, width) = ((int)shape[1], (int)shape[2], (int)shape[3], (int)shape[4]);
        var values = output.GetTensorDataAsSpan<float>();
        var cam = model.Manifest.Attention.Kind == AttentionKind.CamOutput
            ? values.ToArray()
            : ClassActivationMap.Combine(values, channels, model.Manifest.Attention.ClassWeights!);
        return ClassActivationMap.ToVolume(cam, depth, height, width, study.Volume.Geometry, study.Cavity);
    }
}
