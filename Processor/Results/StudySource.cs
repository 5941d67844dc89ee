namespace HeadCt.Processor.Results;

/// <summary>
/// Where a study came from when it was not uploaded: "dimse" with the calling AE titles that sent it, how many
/// associations carried its instances and how many instances it has. Null on the result of an upload.
/// </summary>
public sealed record StudySource(string Kind, IReadOnlyList<string> CallingAeTitles, int Associations, int Instances);
