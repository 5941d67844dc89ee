namespace HeadCt.Processor.Storage;

/// <summary>
/// Where things live in storage. The instance layout is the gateway's (it writes them); a change there is a change
/// to both services.
/// </summary>
public static class StudyBlobLayout
{
    public static string InstancesPrefix(string studyId) => $"studies/{studyId}/instances/";

    public static string Result(string studyId) => $"{studyId}/result.json";
}
