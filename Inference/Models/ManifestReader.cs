using System.Text.Json;

namespace HeadCt.Inference.Models;

/// <summary>Reads a manifest (camelCase JSON) and checks the fields that do not need the ONNX session.</summary>
public static class ManifestReader
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static ModelManifest Read(string manifestPath)
    {
        ModelManifest? manifest;
        try
        {
            using var stream = File.OpenRead(manifestPath);
            manifest = JsonSerializer.Deserialize<ModelManifest>(stream, Json);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException(ModelProblem.ManifestUnreadable, $"Manifest '{manifestPath}' cannot be read: {e.Message}", e);
        }
        if (manifest is null)
            throw new ModelLoadException(ModelProblem.ManifestUnreadable, $"Manifest '{manifestPath}' is empty.");
        Check(manifest, manifestPath);
        return manifest;
    }

    private static void Check(ModelManifest m, string path)
    {
        var input = m.Input;
        if (input.Layout != "NCDHW")
            Invalid(path, $"input layout '{input.Layout}' is not NCDHW");
        if (input.Height < 1 || input.Width < 1)
            Invalid(path, "input height and width must be positive");
        if (input.DepthPolicy == DepthPolicy.FixedCount && input.Depth is not > 0)
            Invalid(path, "depth policy FixedCount needs a positive depth");
        if (input.Channels.Count == 0)
            Invalid(path, "no input channels");
        foreach (var channel in input.Channels)
        {
            if (!(channel.UpperHu > channel.LowerHu))
                Invalid(path, $"channel '{channel.Name}' has an empty HU window");
        }
        if (m.Output.DecisionThreshold is <= 0 or >= 1)
            Invalid(path, "decision threshold must lie in (0, 1)");
        var attention = m.Attention;
        if (attention.Kind == AttentionKind.FeatureMapWithClassWeights && (attention.FeatureMapOutput is null || attention.ClassWeights is not { Count: > 0 }))
            Invalid(path, "attention FeatureMapWithClassWeights needs featureMapOutput and classWeights");
        if (attention.Kind == AttentionKind.CamOutput && attention.CamOutput is null)
            Invalid(path, "attention CamOutput needs camOutput");
        var ood = m.OutOfDistribution;
        if (ood.Method == OodMethod.MahalanobisPooledFeatures)
        {
            var n = ood.Mean?.Count ?? 0;
            if (ood.FeatureOutput is null || n == 0 || ood.Precision?.Count != n * n || ood.Threshold is not > 0)
                Invalid(path, "outOfDistribution MahalanobisPooledFeatures needs featureOutput, mean, a precision of mean² values and a positive threshold");
        }
        var head = m.Applicability.Head;
        if (head.MaxCutFraction is < 0 or > 1)
            Invalid(path, "applicability.head.maxCutFraction must lie in [0, 1]");
        if (attention.Occlusion is { } occlusion
            && (occlusion.PatchDepth < 1 || occlusion.PatchHeight < 1 || occlusion.PatchWidth < 1 || occlusion.MaxPatches < 0 || occlusion.BatchSize < 1))
            Invalid(path, "occlusion needs positive patch sizes and batch size and a non-negative maxPatches");
    }

    private static void Invalid(string path, string what) =>
        throw new ModelLoadException(ModelProblem.ManifestInvalid, $"Manifest '{path}': {what}.");
}
