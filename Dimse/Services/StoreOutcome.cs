using HeadCt.Dimse.Messages;

namespace HeadCt.Dimse.Services;

/// <summary>
/// The answer to one C-STORE: the status for the response, a comment for the peer's log (failures only), and a short
/// stable reason for metrics ("not-dicom", "too-large", …).
/// </summary>
public sealed record StoreOutcome(DimseStatus Status, string? ErrorComment = null, string? Reason = null)
{
    public static StoreOutcome Stored { get; } = new(DimseStatus.Success);

    public static StoreOutcome Failed(DimseStatus status, string reason, string comment) => new(status, comment, reason);
}
