namespace HeadCt.Processor.Storage;

/// <summary>
/// Where things live in storage. The instance layout is the gateway's (it writes them); a change there is a change
/// to both services.
/// </summary>
public static class StudyBlobLayout
{
    public static string InstancesPrefix(string studyId) => $"studies/{studyId}/instances/";

    public static string Result(string studyId) => $"{studyId}/result.json";

    /// <summary>Everything of a study in the results container: its document and its rendered images.</summary>
    public static string ResultsPrefix(string studyId) => $"{studyId}/";

    /// <summary>A rendered projection by its catalogue key, e.g. <c>coronal-mip-10mm-brain</c>.</summary>
    public static string Projection(string studyId, string key) => $"{studyId}/projections/{key}.png";

    /// <summary>A viewer slice: axial plane <paramref name="index"/> (0 = most inferior) in a window.</summary>
    public static string Slice(string studyId, int index, string window) => $"{studyId}/slices/{window}/{index}.png";

    /// <summary>The RGBA heat map of viewer slice <paramref name="index"/>.</summary>
    public static string Heatmap(string studyId, int index) => $"{studyId}/attention/heatmaps/{index}.png";

    /// <summary>A key slice in the brain window with the heat map blended in.</summary>
    public static string Overlay(string studyId, int index) => $"{studyId}/attention/overlays/{index}.png";
}
