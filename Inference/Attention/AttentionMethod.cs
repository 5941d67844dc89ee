namespace HeadCt.Inference.Attention;

/// <summary>How an attention map was made.</summary>
public enum AttentionMethod
{
    /// <summary>Class activation map from the last feature map and the linear head's weights, or the graph's own <c>cam</c> output.</summary>
    Cam,

    /// <summary>Occlusion sensitivity: the drop in probability when a patch of the model input is blanked out.</summary>
    Occlusion,
}
