namespace HeadCt.Inference.Models;

/// <summary>What is wrong with a model folder entry; the message names the file and the mismatch.</summary>
public enum ModelProblem
{
    ManifestUnreadable,
    OnnxMissing,
    HashMismatch,
    OnnxUnreadable,
    InputMismatch,
    OutputMissing,
    OutputShapeMismatch,
    AttentionMismatch,
    ManifestInvalid,
    OutOfDistributionMismatch,
}

public sealed class ModelLoadException(ModelProblem problem, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public ModelProblem Problem { get; } = problem;
}
