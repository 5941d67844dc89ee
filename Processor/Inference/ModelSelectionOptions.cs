namespace HeadCt.Processor.Inference;

/// <summary>Which of the loaded models scores the studies (section <c>Inference</c>, beside the library's options).</summary>
public sealed class ModelSelectionOptions
{
    /// <summary>The manifest name of the model to use; may be left out when the folder holds exactly one model.</summary>
    public string? Model { get; set; }

    /// <summary>
    /// Manifest names of shadow models: each runs on every study beside the primary, its output and attention are
    /// stored for comparison (<c>GET /models/{name}/shadow-report</c>), and it is never shown as a finding nor routed.
    /// </summary>
    public List<string> ShadowModels { get; set; } = [];
}
