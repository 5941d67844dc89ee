namespace HeadCt.Dimse.Pdus;

/// <summary>A decoded PDU other than P-DATA-TF (whose PDVs are streamed, see <see cref="PdvReader"/>).</summary>
public abstract record Pdu
{
    public abstract PduType Type { get; }
}

/// <summary>A-ASSOCIATE-RQ (PS3.8 §9.3.2).</summary>
public sealed record AssociateRequestPdu(
    int ProtocolVersion,
    string CalledAeTitle,
    string CallingAeTitle,
    string ApplicationContextName,
    IReadOnlyList<PresentationContextProposal> PresentationContexts,
    UserInformation UserInformation) : Pdu
{
    public override PduType Type => PduType.AssociateRequest;
}

/// <summary>A-ASSOCIATE-AC (PS3.8 §9.3.3); the AE title fields echo the request and are not tested on receipt.</summary>
public sealed record AssociateAcceptPdu(
    int ProtocolVersion,
    string CalledAeTitle,
    string CallingAeTitle,
    string ApplicationContextName,
    IReadOnlyList<PresentationContextResult> PresentationContexts,
    UserInformation UserInformation) : Pdu
{
    public override PduType Type => PduType.AssociateAccept;
}

/// <summary>A-ASSOCIATE-RJ (PS3.8 §9.3.4).</summary>
public sealed record AssociateRejectPdu(AssociationRejection Rejection) : Pdu
{
    public override PduType Type => PduType.AssociateReject;
}

/// <summary>A-RELEASE-RQ (PS3.8 §9.3.6).</summary>
public sealed record ReleaseRequestPdu : Pdu
{
    public override PduType Type => PduType.ReleaseRequest;
}

/// <summary>A-RELEASE-RP (PS3.8 §9.3.7).</summary>
public sealed record ReleaseResponsePdu : Pdu
{
    public override PduType Type => PduType.ReleaseResponse;
}

/// <summary>A-ABORT (PS3.8 §9.3.8).</summary>
public sealed record AbortPdu(AbortSource Source, AbortReason Reason) : Pdu
{
    public override PduType Type => PduType.Abort;
}
