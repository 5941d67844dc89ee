using System.Buffers.Binary;

namespace HeadCt.Dimse.Pdus;

/// <summary>
/// Decodes the body (everything after the 6-byte header) of every PDU type but P-DATA-TF. Throws
/// <see cref="PduFormatException"/> for anything the standard does not allow, never another exception.
/// </summary>
public static class PduDecoder
{
    private const int AssociateFixedLength = 68;

    public static Pdu Decode(PduType type, ReadOnlySpan<byte> body) => type switch
    {
        PduType.AssociateRequest => DecodeAssociateRequest(body),
        PduType.AssociateAccept => DecodeAssociateAccept(body),
        PduType.AssociateReject => DecodeReject(body),
        PduType.ReleaseRequest => DecodeRelease(body, new ReleaseRequestPdu()),
        PduType.ReleaseResponse => DecodeRelease(body, new ReleaseResponsePdu()),
        PduType.Abort => DecodeAbort(body),
        _ => throw new PduFormatException($"PDU type {(byte)type:X2}H is not decoded here", AbortReason.UnrecognizedPdu),
    };

    /// <summary>PS3.8 §9.3.2, Table 9-11.</summary>
    public static AssociateRequestPdu DecodeAssociateRequest(ReadOnlySpan<byte> body)
    {
        var (version, called, calling, context, proposals, user) = Associate(body, ItemType.PresentationContextRequest, Proposal, "A-ASSOCIATE-RQ");
        return new AssociateRequestPdu(version, called, calling, context, proposals, user);
    }

    /// <summary>PS3.8 §9.3.3, Table 9-17.</summary>
    public static AssociateAcceptPdu DecodeAssociateAccept(ReadOnlySpan<byte> body)
    {
        var (version, called, calling, context, results, user) = Associate(body, ItemType.PresentationContextAccept, Result, "A-ASSOCIATE-AC");
        return new AssociateAcceptPdu(version, called, calling, context, results, user);
    }

    /// <summary>The fixed fields, then exactly one application context, the presentation context items, one user information item.</summary>
    private static (int Version, string Called, string Calling, string Context, List<T> Contexts, UserInformation User) Associate<T>(
        ReadOnlySpan<byte> body, byte contextItemType, Func<ReadOnlySpan<byte>, T> parseContext, string name)
    {
        var (version, called, calling) = FixedFields(body);
        string? context = null;
        var contexts = new List<T>();
        UserInformation? user = null;
        var items = new ItemReader(body[AssociateFixedLength..]);
        while (items.TryRead(out var type, out var value))
        {
            if (type == ItemType.ApplicationContext)
                context ??= ItemReader.Uid(value);
            else if (type == contextItemType)
                contexts.Add(parseContext(value));
            else if (type == ItemType.UserInformation)
                user ??= UserInformationItem.Decode(value);
            else
                throw new PduFormatException($"Item {type:X2}H has no place in an {name}", AbortReason.UnrecognizedPduParameter);
        }

        return (version, called, calling,
            context ?? throw new PduFormatException($"The {name} has no Application Context item"), contexts, user ?? UserInformationItem.Missing);
    }

    private static (int Version, string Called, string Calling) FixedFields(ReadOnlySpan<byte> body)
    {
        if (body.Length < AssociateFixedLength)
            throw new PduFormatException($"An association PDU needs at least {AssociateFixedLength} bytes after its header, it has {body.Length}");
        var version = BinaryPrimitives.ReadUInt16BigEndian(body);
        return (version, AeTitle.FromPdu(body.Slice(4, 16)), AeTitle.FromPdu(body.Slice(20, 16)));
    }

    /// <summary>PS3.8 §9.3.2.2: ID, three reserved bytes, one abstract syntax, one or more transfer syntaxes.</summary>
    private static PresentationContextProposal Proposal(ReadOnlySpan<byte> value)
    {
        if (value.Length < 4)
            throw new PduFormatException("A presentation context item needs 4 bytes before its sub-items");
        string? abstractSyntax = null;
        var transferSyntaxes = new List<string>();
        var items = new ItemReader(value[4..]);
        while (items.TryRead(out var type, out var sub))
        {
            if (type == ItemType.AbstractSyntax)
                abstractSyntax ??= ItemReader.Uid(sub);
            else if (type == ItemType.TransferSyntax)
                transferSyntaxes.Add(ItemReader.Uid(sub));
            else
                throw new PduFormatException($"Sub-item {type:X2}H has no place in a presentation context", AbortReason.UnrecognizedPduParameter);
        }

        return new PresentationContextProposal(value[0],
            abstractSyntax ?? throw new PduFormatException($"Presentation context {value[0]} has no abstract syntax"), transferSyntaxes);
    }

    /// <summary>PS3.8 §9.3.3.2: ID, reserved, result/reason, reserved, one transfer syntax (not tested when rejected).</summary>
    private static PresentationContextResult Result(ReadOnlySpan<byte> value)
    {
        if (value.Length < 4)
            throw new PduFormatException("A presentation context result item needs 4 bytes before its sub-item");
        var outcome = value[2] <= 4 ? (PresentationContextOutcome)value[2]
            : throw new PduFormatException($"Presentation context {value[0]} has result {value[2]}, defined are 0-4");
        var transferSyntax = "";
        var items = new ItemReader(value[4..]);
        while (items.TryRead(out var type, out var sub))
        {
            if (type == ItemType.TransferSyntax && transferSyntax.Length == 0)
                transferSyntax = ItemReader.Uid(sub);
        }

        return new PresentationContextResult(value[0], outcome, transferSyntax);
    }

    /// <summary>PS3.8 §9.3.4, Table 9-21.</summary>
    private static AssociateRejectPdu DecodeReject(ReadOnlySpan<byte> body)
    {
        if (body.Length != 4)
            throw new PduFormatException($"An A-ASSOCIATE-RJ body is 4 bytes, this one {body.Length}");
        if (body[1] is not (1 or 2) || body[2] is not (1 or 2 or 3))
            throw new PduFormatException($"A-ASSOCIATE-RJ result {body[1]} / source {body[2]} is not defined");
        return new AssociateRejectPdu(new AssociationRejection((RejectResult)body[1], (RejectSource)body[2], body[3]));
    }

    private static Pdu DecodeRelease(ReadOnlySpan<byte> body, Pdu pdu) =>
        body.Length == 4 ? pdu : throw new PduFormatException($"A release PDU body is 4 bytes, this one {body.Length}");

    /// <summary>PS3.8 §9.3.8, Table 9-26.</summary>
    private static AbortPdu DecodeAbort(ReadOnlySpan<byte> body)
    {
        if (body.Length != 4)
            throw new PduFormatException($"An A-ABORT body is 4 bytes, this one {body.Length}");
        return new AbortPdu((AbortSource)body[2], (AbortReason)body[3]);
    }
}
