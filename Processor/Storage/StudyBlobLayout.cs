namespace HeadCt.Processor.Storage;

/// <summary>
/// Where things live in storage. The instance layout is the gateway's (it writes them); a change there is a change
/// to both services.
/// </summary>
public static class StudyBlobLayout
{
    public static string InstancesPrefix(string studyId) => $"studies/{studyId}/instances/";

    public static string Result(string studyId) => $"{studyId}/result.json";

    /// <summary>Everything of a study in the results container: its document and what its images are drawn from.</summary>
    public static string ResultsPrefix(string studyId) => $"{studyId}/";

    /// <summary>The model's attention at its own resolution, from which the heat maps are drawn.</summary>
    public static string AttentionGrid(string studyId) => $"{studyId}/attention/grid.f32";

    /// <summary>The HU volume the study's images are drawn from, in <c>StoredVolumeFormat</c>.</summary>
    public static string Volume(string studyId) => $"{studyId}/view/volume.hcvl";

    /// <summary>A DICOM object written for the study's result (SR, key image, segmentation), by its SOP Instance UID.</summary>
    public static string DicomObject(string studyId, string sopInstanceUid) => $"{studyId}/dicom/{sopInstanceUid}.dcm";

    /// <summary>A shadow model's attention at its own resolution (kept for comparison, never shown).</summary>
    public static string ShadowAttentionGrid(string studyId, string model) => $"{studyId}/shadow/{model}/grid.f32";
}
