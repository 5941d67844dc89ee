namespace HeadCt.Processor.Renderings;

/// <summary>A completed study whose images cannot be drawn: what it was computed from is gone or no longer matches.</summary>
public sealed class ImagesUnavailableException(string studyId, string reason) : Exception($"Study '{studyId}': {reason}")
{
    public string StudyId { get; } = studyId;

    public string Reason { get; } = reason;
}
