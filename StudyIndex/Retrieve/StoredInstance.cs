namespace HeadCt.StudyIndex.Retrieve;

/// <summary>Where an instance's bytes are (study id and blob number) and what WADO-RS needs to know before reading them.</summary>
public sealed record StoredInstance(
    string StudyId,
    int BlobNumber,
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string SopInstanceUid,
    string? SopClassUid,
    string TransferSyntaxUid,
    int? NumberOfFrames,
    bool HasPixelData,
    byte[]? Header);
