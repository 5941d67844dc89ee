using System.Diagnostics.CodeAnalysis;

namespace HeadCt.Gateway.Features.Ingest;

/// <summary>What the header of one file said: its UIDs and declared image size, or why it is not usable DICOM.</summary>
public sealed record InstanceHeader(
    string? SopInstanceUid,
    string? SeriesInstanceUid,
    string? StudyInstanceUid,
    int Rows,
    int Columns,
    int Frames,
    string? RejectionReason)
{
    [MemberNotNullWhen(true, nameof(SopInstanceUid), nameof(SeriesInstanceUid))]
    [MemberNotNullWhen(false, nameof(RejectionReason))]
    public bool IsDicom => RejectionReason is null;

    /// <summary>SOP Class UID (0008,0016), as declared (a C-STORE or STOW-RS answer names it).</summary>
    public string? SopClassUid { get; init; }

    public static InstanceHeader Rejected(string reason) => new(null, null, null, 0, 0, 0, reason);
}
