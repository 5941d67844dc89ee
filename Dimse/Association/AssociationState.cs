namespace HeadCt.Dimse.Association;

/// <summary>The states of the upper layer state machine (PS3.8 §9.2.1, Table 9-10) this implementation passes through.</summary>
public enum AssociationState
{
    /// <summary>Sta1: idle, no transport connection.</summary>
    Idle = 1,

    /// <summary>Sta2: transport connection open, awaiting A-ASSOCIATE-RQ (ARTIM running).</summary>
    AwaitingAssociateRequest = 2,

    /// <summary>Sta3: awaiting the local A-ASSOCIATE response primitive.</summary>
    AwaitingLocalAssociateResponse = 3,

    /// <summary>Sta4: awaiting the transport connection to open (requestor).</summary>
    AwaitingTransportConnection = 4,

    /// <summary>Sta5: awaiting A-ASSOCIATE-AC or -RJ (requestor).</summary>
    AwaitingAssociateResponse = 5,

    /// <summary>Sta6: association established, ready for data transfer.</summary>
    Established = 6,

    /// <summary>Sta7: awaiting A-RELEASE-RP (requestor).</summary>
    AwaitingReleaseResponse = 7,

    /// <summary>Sta8: awaiting the local A-RELEASE response primitive (acceptor).</summary>
    AwaitingLocalReleaseResponse = 8,

    /// <summary>Sta13: awaiting the transport connection to close (ARTIM running).</summary>
    AwaitingTransportClose = 13,
}
