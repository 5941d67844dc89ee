namespace HeadCt.Processor.Inference;

/// <summary>Which of the loaded models scores the studies (section <c>Inference</c>, beside the library's options).</summary>
public sealed class ModelSelectionOptions
{
    /// <summary>The manifest name of the model to use; may be left out when the folder holds exactly one model.</summary>
    public string? Model { get; set; }
}
