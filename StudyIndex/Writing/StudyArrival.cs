namespace HeadCt.StudyIndex.Writing;

/// <summary>One study of ours as stored: when it arrived, from where, and its instances.</summary>
public sealed record StudyArrival(
    string StudyId,
    DateTimeOffset ReceivedAt,
    string Source,
    int FileCount,
    IReadOnlyList<IndexedInstance> Instances)
{
    public const string UploadSource = "upload";
}
