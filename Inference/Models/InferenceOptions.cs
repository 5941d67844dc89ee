using System.ComponentModel.DataAnnotations;

namespace HeadCt.Inference.Models;

/// <summary>Where models live and how much CPU one inference may take.</summary>
public sealed class InferenceOptions
{
    public const string SectionName = "Inference";

    /// <summary>Folder holding <c>*.onnx</c> files, each with a <c>*.manifest.json</c> beside it.</summary>
    [Required]
    public string ModelsFolder { get; set; } = "models";

    /// <summary>Intra-op threads of ONNX Runtime per inference.</summary>
    [Range(1, 64)]
    public int IntraOpThreads { get; set; } = 2;
}
