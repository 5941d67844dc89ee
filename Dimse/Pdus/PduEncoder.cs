namespace HeadCt.Dimse.Pdus;

/// <summary>Encodes every PDU but P-DATA-TF (see <see cref="Transport.PduWriter"/>) to its bytes on the wire, header included.</summary>
public static class PduEncoder
{
    /// <summary>PS3.7 Annex A.2.1: the DICOM Application Context Name.</summary>
    public const string DicomApplicationContext = "1.2.840.10008.3.1.1.1";

    public static byte[] Encode(Pdu pdu) => pdu switch
    {
        AssociateRequestPdu request => AssociateRequest(request),
        AssociateAcceptPdu accept => AssociateAccept(accept),
        AssociateRejectPdu reject => Fixed(PduType.AssociateReject, 0, (byte)reject.Rejection.Result, (byte)reject.Rejection.Source, reject.Rejection.Reason),
        ReleaseRequestPdu => Fixed(PduType.ReleaseRequest, 0, 0, 0, 0),
        ReleaseResponsePdu => Fixed(PduType.ReleaseResponse, 0, 0, 0, 0),
        AbortPdu abort => Fixed(PduType.Abort, 0, 0, (byte)abort.Source, (byte)abort.Reason),
        _ => throw new ArgumentException($"{pdu.GetType().Name} is not encoded here", nameof(pdu)),
    };

    private static byte[] AssociateRequest(AssociateRequestPdu request)
    {
        var builder = AssociateHeader(PduType.AssociateRequest, request.ProtocolVersion, request.CalledAeTitle, request.CallingAeTitle, request.ApplicationContextName);
        foreach (var proposal in request.PresentationContexts)
        {
            var item = builder.BeginItem(ItemType.PresentationContextRequest);
            builder.Byte(proposal.Id);
            builder.Zeros(3);
            builder.AsciiItem(ItemType.AbstractSyntax, proposal.AbstractSyntax);
            foreach (var syntax in proposal.TransferSyntaxes)
                builder.AsciiItem(ItemType.TransferSyntax, syntax);
            builder.EndItem(item);
        }

        UserInformationItem.Encode(builder, request.UserInformation);
        return builder.Finish();
    }

    private static byte[] AssociateAccept(AssociateAcceptPdu accept)
    {
        var builder = AssociateHeader(PduType.AssociateAccept, accept.ProtocolVersion, accept.CalledAeTitle, accept.CallingAeTitle, accept.ApplicationContextName);
        foreach (var result in accept.PresentationContexts)
        {
            var item = builder.BeginItem(ItemType.PresentationContextAccept);
            builder.Byte(result.Id);
            builder.Byte(0);
            builder.Byte((byte)result.Outcome);
            builder.Byte(0);
            builder.AsciiItem(ItemType.TransferSyntax, result.TransferSyntax);
            builder.EndItem(item);
        }

        UserInformationItem.Encode(builder, accept.UserInformation);
        return builder.Finish();
    }

    /// <summary>Protocol version, reserved, called and calling AE (16 bytes, space padded), 32 reserved bytes, application context.</summary>
    private static PduBuilder AssociateHeader(PduType type, int version, string called, string calling, string applicationContext)
    {
        var builder = PduBuilder.Start(type);
        builder.UInt16((ushort)version);
        builder.Zeros(2);
        builder.Ascii(AeTitle.Pad(called));
        builder.Ascii(AeTitle.Pad(calling));
        builder.Zeros(32);
        builder.AsciiItem(ItemType.ApplicationContext, applicationContext);
        return builder;
    }

    private static byte[] Fixed(PduType type, byte b0, byte b1, byte b2, byte b3) =>
        [(byte)type, 0, 0, 0, 0, 4, b0, b1, b2, b3];
}
