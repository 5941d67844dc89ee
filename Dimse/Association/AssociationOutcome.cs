namespace HeadCt.Dimse.Association;

/// <summary>How an association (or the attempt at one) ended.</summary>
public enum AssociationOutcome
{
    /// <summary>A-RELEASE-RQ / RP exchanged (PS3.8 §7.2).</summary>
    Released,

    /// <summary>We answered A-ASSOCIATE-RJ.</summary>
    Rejected,

    /// <summary>The peer sent A-ABORT.</summary>
    AbortedByPeer,

    /// <summary>We sent A-ABORT for a protocol error (service-provider source, PS3.8 AA-1/AA-8).</summary>
    AbortedForProtocolError,

    /// <summary>We sent A-ABORT because the established association went silent for the idle time.</summary>
    AbortedIdle,

    /// <summary>The connection closed without release or abort (PS3.8 Evt17), or in the middle of a PDU.</summary>
    TransportClosed,

    /// <summary>No A-ASSOCIATE-RQ arrived before the ARTIM timer expired (PS3.8 Evt18 in Sta2).</summary>
    ArtimExpired,

    /// <summary>The host was shutting down.</summary>
    Shutdown,
}

/// <summary>What the application learns when an association is over, for its audit trail and metrics.</summary>
public sealed record AssociationSummary(
    AssociationInfo Association,
    AssociationOutcome Outcome,
    string? Detail,
    int InstancesStored,
    int InstancesFailed,
    TimeSpan Duration);
