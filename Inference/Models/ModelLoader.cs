using Microsoft.ML.OnnxRuntime;

namespace HeadCt.Inference.Models;

/// <summary>
/// Opens an ONNX model with its manifest and refuses it when they disagree: the file hash, then the session's input
/// and output names and shapes against the manifest. Each refusal is a <see cref="ModelLoadException"/> naming the problem.
/// </summary>
public static class ModelLoader
{
    public const string ManifestSuffix = ".manifest.json";

    /// <summary>Every manifest in the folder, each loaded and validated.</summary>
    public static IReadOnlyList<LoadedModel> LoadFolder(InferenceOptions options)
    {
        if (!Directory.Exists(options.ModelsFolder))
            throw new ModelLoadException(ModelProblem.OnnxMissing, $"Models folder '{options.ModelsFolder}' does not exist.");
        var models = new List<LoadedModel>();
        foreach (var manifest in Directory.GetFiles(options.ModelsFolder, "*" + ManifestSuffix).Order(StringComparer.Ordinal))
            models.Add(Load(manifest, options.IntraOpThreads));
        return models;
    }

    public static LoadedModel Load(string manifestPath, int intraOpThreads = 2)
    {
        var manifest = ManifestReader.Read(manifestPath);
        var onnxPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifestPath))!, manifest.OnnxFile);
        if (!File.Exists(onnxPath))
            throw new ModelLoadException(ModelProblem.OnnxMissing, $"Model '{manifest.Name}': ONNX file '{onnxPath}' does not exist.");
        var actualHash = FileHash.Sha256Hex(onnxPath);
        if (!string.Equals(actualHash, manifest.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelLoadException(ModelProblem.HashMismatch,
                $"Model '{manifest.Name}': SHA-256 of '{onnxPath}' is {actualHash}, the manifest says {manifest.Sha256}.");

        InferenceSession session;
        try
        {
            using var sessionOptions = new SessionOptions { IntraOpNumThreads = intraOpThreads, InterOpNumThreads = 1 };
            // Idle ONNX Runtime workers would otherwise spin for the next op, taking the cores from the image
            // rendering that runs beside inference in the processor.
            sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            session = new InferenceSession(onnxPath, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ModelLoadException(ModelProblem.OnnxUnreadable, $"Model '{manifest.Name}': ONNX Runtime cannot load '{onnxPath}': {e.Message}", e);
        }
        try
        {
            SessionContract.Check(manifest, session);
        }
        catch
        {
            session.Dispose();
            throw;
        }
        return new LoadedModel(manifest, session, new ModelIdentity(manifest.Name, manifest.Version, actualHash));
    }
}
