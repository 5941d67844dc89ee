namespace HeadCt.Processor.Attention;

/// <summary>The public URLs of attention maps (the gateway serves the same paths).</summary>
public static class AttentionLinks
{
    public static string Maps(string studyId) => $"/attention-maps/{studyId}";

    public static string Overlay(string studyId, int index) => $"/attention-maps/{studyId}/overlays/{index}.png";

    public static string HeatmapTemplate(string studyId) => $"/attention-maps/{studyId}/heatmaps/{{index}}.png";
}
