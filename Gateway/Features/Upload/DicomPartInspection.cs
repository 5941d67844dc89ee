using System.Diagnostics.CodeAnalysis;

namespace HeadCt.Gateway.Features.Upload;

/// <summary>What the header of one uploaded file said: the UIDs to list, or why it is not usable DICOM.</summary>
public sealed record DicomPartInspection(string? SopInstanceUid, string? SeriesInstanceUid, string? RejectionReason)
{
    [MemberNotNullWhen(true, nameof(SopInstanceUid), nameof(SeriesInstanceUid))]
    [MemberNotNullWhen(false, nameof(RejectionReason))]
    public bool IsDicom => RejectionReason is null;

    public static DicomPartInspection Rejected(string reason) => new(null, null, reason);
}
