using HeadCt.Dimse.Messages;

namespace HeadCt.Dimse.Scu;

/// <summary>What happened to one instance of a send.</summary>
public enum StoreResultKind
{
    /// <summary>The peer answered success (0000H) or a warning.</summary>
    Stored,

    /// <summary>The peer answered a failure status.</summary>
    Failed,

    /// <summary>The peer accepted no presentation context for the instance's SOP class in its transfer syntax (we do not transcode).</summary>
    Refused,

    /// <summary>Not attempted, or lost with the association (connection refused, aborted, timed out).</summary>
    NotSent,
}

/// <summary>One instance's outcome: the status the peer answered (when it answered) and why, in words.</summary>
public sealed record StoreResult(string SopInstanceUid, StoreResultKind Kind, DimseStatus? Status, string? Detail)
{
    /// <summary>Worth another attempt later: never sent, or refused for resources (A7xx) or a processing failure (0110H).</summary>
    public bool IsRetryable => Kind == StoreResultKind.NotSent
        || (Kind == StoreResultKind.Failed && Status is { } status && (status.Code is >= 0xA700 and <= 0xA7FF || status.Code == 0x0110));
}
