namespace HeadCt.StudyIndex.Worklist;

/// <summary>
/// One row of the worklist: the study of ours, its DICOM identity (dates as DA <c>YYYYMMDD</c>, time as TM), where it
/// stands and what the model said. <see cref="Deidentified"/>: the name and id are the pseudonyms of de-identification.
/// </summary>
public sealed record WorklistItem(
    string Id,
    DateTimeOffset ReceivedAt,
    string Source,
    int FileCount,
    string? StudyInstanceUid,
    string? PatientName,
    string? PatientId,
    string? StudyDate,
    string? StudyDescription,
    string? AccessionNumber,
    IReadOnlyList<string> Modalities,
    string Status,
    string? FailureReason,
    DateTimeOffset? CompletedAt,
    double? Probability,
    bool? Positive,
    double? DecisionThreshold,
    string? ModelName,
    string? ModelVersion,
    string? Applicability,
    double? OodScore,
    string? ReviewDecision,
    bool Priority,
    string? PatientSex = null,
    string? PatientBirthDate = null,
    string? StudyTime = null,
    bool Deidentified = false);
