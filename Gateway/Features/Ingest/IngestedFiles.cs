namespace HeadCt.Gateway.Features.Ingest;

/// <summary>
/// A stored DICOM instance: <see cref="File"/> is the name the sender gave it ("archive.zip/entry" for zip entries;
/// "file N" when de-identifying), then its UIDs (the de-identified ones when de-identifying) and stored size.
/// </summary>
public sealed record AcceptedInstance(string File, string SopInstanceUid, string SeriesInstanceUid, long Size)
{
    /// <summary>Study Instance UID (0020,000D); null when the header lacks a valid one.</summary>
    public string? StudyInstanceUid { get; init; }
}

/// <summary>A file that was not stored, with the reason (the role of STOW-RS's Failed SOP Sequence).</summary>
public sealed record RejectedFile(string File, string Reason);
