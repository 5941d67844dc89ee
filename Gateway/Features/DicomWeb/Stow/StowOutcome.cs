namespace HeadCt.Gateway.Features.DicomWeb.Stow;

/// <summary>
/// What happened to one STOW-RS part: stored (with a Warning Reason when attributes were coerced) or failed with a
/// Failure Reason (PS3.18 §10.5.3; the values are the C-STORE statuses of PS3.4 Annex B.2.3).
/// </summary>
public sealed record StowOutcome(
    bool IsStored, string? SopClassUid, string? SopInstanceUid, string? SeriesInstanceUid, string? StudyInstanceUid,
    ushort? FailureReason, ushort? WarningReason, string? Reason)
{
    /// <summary>0xC000 Error: cannot understand (not DICOM, unreadable header, not de-identifiable).</summary>
    public const ushort CannotUnderstand = 0xC000;

    /// <summary>0xA900 Error: data set does not match (here: its study is not the study of the request URL).</summary>
    public const ushort StudyMismatch = 0xA900;

    /// <summary>0xA700 Refused: out of resources (a size or count limit).</summary>
    public const ushort OutOfResources = 0xA700;

    /// <summary>0xB000 Coercion of data elements (de-identification replaced identifying attributes and UIDs).</summary>
    public const ushort Coerced = 0xB000;

    public static StowOutcome Stored(string? sopClassUid, string sopInstanceUid, string seriesInstanceUid, string studyInstanceUid, bool coerced) =>
        new(true, sopClassUid, sopInstanceUid, seriesInstanceUid, studyInstanceUid, null, coerced ? Coerced : null, null);

    public static StowOutcome Failed(string? sopClassUid, string? sopInstanceUid, ushort reason, string why) =>
        new(false, sopClassUid, sopInstanceUid, null, null, reason, null, why);
}
