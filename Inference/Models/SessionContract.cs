using Microsoft.ML.OnnxRuntime;

namespace HeadCt.Inference.Models;

/// <summary>Checks the manifest's tensor names and shapes against what the ONNX graph declares (−1 = dynamic, accepted).</summary>
internal static class SessionContract
{
    public static void Check(ModelManifest m, InferenceSession session)
    {
        var input = m.Input;
        if (!session.InputMetadata.TryGetValue(input.Name, out var inputMeta))
            Fail(m, ModelProblem.InputMismatch, $"input '{input.Name}' is not in the graph (it has: {string.Join(", ", session.InputMetadata.Keys)})");
        var dims = inputMeta!.Dimensions;
        if (dims.Length != 5)
            Fail(m, ModelProblem.InputMismatch, $"input '{input.Name}' has {dims.Length} dimensions, NCDHW needs 5");
        var depth = input.DepthPolicy == DepthPolicy.FixedCount ? input.Depth!.Value : -1;
        ExpectDim(m, input.Name, "C", dims[1], input.Channels.Count);
        ExpectDim(m, input.Name, "D", dims[2], depth);
        ExpectDim(m, input.Name, "H", dims[3], input.Height);
        ExpectDim(m, input.Name, "W", dims[4], input.Width);

        var output = RequireOutput(m, session, m.Output.Name);
        var count = 1L;
        for (var i = 1; i < output.Dimensions.Length; i++)
            count *= output.Dimensions[i];
        if (count != 1)
            Fail(m, ModelProblem.OutputShapeMismatch, $"output '{m.Output.Name}' has shape [{string.Join(", ", output.Dimensions)}], one score per study expected");

        var attention = m.Attention;
        if (attention.Kind == AttentionKind.FeatureMapWithClassWeights)
        {
            var features = RequireOutput(m, session, attention.FeatureMapOutput!);
            if (features.Dimensions.Length != 5)
                Fail(m, ModelProblem.AttentionMismatch, $"feature map '{attention.FeatureMapOutput}' has {features.Dimensions.Length} dimensions, 5 expected");
            if (features.Dimensions[1] != attention.ClassWeights!.Count)
                Fail(m, ModelProblem.AttentionMismatch,
                    $"feature map '{attention.FeatureMapOutput}' has {features.Dimensions[1]} channels but the manifest gives {attention.ClassWeights.Count} class weights");
        }
        else if (attention.Kind == AttentionKind.CamOutput)
        {
            var cam = RequireOutput(m, session, attention.CamOutput!);
            if (cam.Dimensions.Length != 5 || cam.Dimensions[1] != 1)
                Fail(m, ModelProblem.AttentionMismatch, $"cam output '{attention.CamOutput}' must be N×1×D×H×W");
        }
        CheckOutOfDistribution(m, session);
    }

    private static void CheckOutOfDistribution(ModelManifest m, InferenceSession session)
    {
        var ood = m.OutOfDistribution;
        if (ood.Method != OodMethod.MahalanobisPooledFeatures)
            return;
        var features = RequireOutput(m, session, ood.FeatureOutput!);
        if (features.Dimensions.Length != 5)
            Fail(m, ModelProblem.OutOfDistributionMismatch, $"out-of-distribution feature output '{ood.FeatureOutput}' has {features.Dimensions.Length} dimensions, 5 expected");
        var pooled = ood.Pooling == FeaturePooling.MeanThenMax ? 2L * features.Dimensions[1] : features.Dimensions[1];
        if (features.Dimensions[1] > 0 && pooled != ood.Mean!.Count)
            Fail(m, ModelProblem.OutOfDistributionMismatch,
                $"out-of-distribution statistics have {ood.Mean.Count} values, the pooled '{ood.FeatureOutput}' has {pooled}");
    }

    private static NodeMetadata RequireOutput(ModelManifest m, InferenceSession session, string name)
    {
        if (!session.OutputMetadata.TryGetValue(name, out var meta))
            Fail(m, ModelProblem.OutputMissing, $"output '{name}' is not in the graph (it has: {string.Join(", ", session.OutputMetadata.Keys)})");
        return meta!;
    }

    private static void ExpectDim(ModelManifest m, string input, string axis, int actual, int expected)
    {
        if (actual >= 0 && expected >= 0 && actual != expected)
            Fail(m, ModelProblem.InputMismatch, $"input '{input}' axis {axis} is {actual} in the graph, the manifest says {expected}");
        if (actual >= 0 && expected < 0)
            Fail(m, ModelProblem.InputMismatch, $"input '{input}' axis {axis} is fixed at {actual} in the graph, the manifest's depth policy is native");
    }

    private static void Fail(ModelManifest m, ModelProblem problem, string what) =>
        throw new ModelLoadException(problem, $"Model '{m.Name}' {m.Version}: {what}.");
}
