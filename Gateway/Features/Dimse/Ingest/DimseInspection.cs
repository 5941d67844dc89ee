using System.Diagnostics.CodeAnalysis;

namespace HeadCt.Gateway.Features.Dimse.Ingest;

/// <summary>What the header of a received data set said: its identity and study, or why it is not usable.</summary>
public sealed record DimseInspection(string? SopClassUid, string? SopInstanceUid, string? SeriesInstanceUid, string? StudyInstanceUid, string? RejectionReason)
{
    [MemberNotNullWhen(true, nameof(SopClassUid), nameof(SopInstanceUid), nameof(SeriesInstanceUid), nameof(StudyInstanceUid))]
    [MemberNotNullWhen(false, nameof(RejectionReason))]
    public bool IsDicom => RejectionReason is null;

    public static DimseInspection Rejected(string reason) => new(null, null, null, null, reason);
}

/// <summary>An instance written to storage: its size and the UIDs it is stored under (mapped when de-identified).</summary>
public sealed record StoredInstance(long Size, string SopInstanceUid, string SeriesInstanceUid);
