namespace HeadCt.Gateway.Storage;

/// <summary>
/// Where a study came from when it was not uploaded: "dimse", the calling AE titles that sent its instances, how
/// many associations carried them and how many instances it has. The processor copies it onto the result document.
/// </summary>
public sealed record StudySource(string Kind, IReadOnlyList<string> CallingAeTitles, int Associations, int Instances)
{
    public const string Dimse = "dimse";
}
