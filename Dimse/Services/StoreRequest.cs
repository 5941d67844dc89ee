using HeadCt.Dimse.Association;

namespace HeadCt.Dimse.Services;

/// <summary>A C-STORE-RQ (PS3.7 §9.1.1.1) whose data set is about to be streamed to the handler.</summary>
public sealed record StoreRequest(
    AssociationInfo Association,
    byte PresentationContextId,
    string SopClassUid,
    string SopInstanceUid,
    string TransferSyntaxUid,
    ushort MessageId,
    string? MoveOriginatorAeTitle);
