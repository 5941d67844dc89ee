using HeadCt.DicomPeers;
using HeadCt.Dimse.Association;
using HeadCt.Dimse.Messages;
using HeadCt.Dimse.Pdus;
using HeadCt.Dimse.Tests.Support;

namespace HeadCt.Dimse.Tests.Association;

/// <summary>
/// What the acceptor answers to requests it must refuse (PS3.8 §9.3.4 A-ASSOCIATE-RJ, §9.3.3.2 presentation context
/// results), checked on the wire with a hand-driven peer.
/// </summary>
public sealed class AcceptorAnswersTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("UNKNOWN_AE", TestScp.AeTitle, 1, 1, 3)] // calling-AE-title-not-recognized
    [InlineData("KNOWN", "NOT_OUR_AE", 1, 1, 7)] // called-AE-title-not-recognized
    public async Task GivenAnUnknownAeTitle_WhenAssociating_ThenTheRejectionNamesIt(string calling, string called, int result, int source, int reason)
    {
        using var folder = new TempFolder();
        var handler = new FolderStoreHandler(folder.Path, "KNOWN");
        await using var scp = new TestScp(handler);
        await using var peer = await RawPeer.ConnectAsync(scp.Port);

        await peer.SendAsync(RawPeer.Request(calling, called));

        var reject = Assert.IsType<AssociateRejectPdu>(await peer.ReadAsync(Wait));
        Assert.Equal(new AssociationRejection((RejectResult)result, (RejectSource)source, (byte)reason), reject.Rejection);
        await peer.DisposeAsync();
        Assert.Equal(AssociationOutcome.Rejected, Assert.Single(await handler.WaitForEndedAsync(1, Wait)).Outcome);
    }

    [Fact]
    public async Task GivenAnotherApplicationContextOrProtocolVersion_WhenAssociating_ThenTheStandardRejectionIsSent()
    {
        using var folder = new TempFolder();
        await using var scp = new TestScp(new FolderStoreHandler(folder.Path));
        await using var context = await RawPeer.ConnectAsync(scp.Port);
        await using var version = await RawPeer.ConnectAsync(scp.Port);

        await context.SendAsync(RawPeer.Request("PEER", TestScp.AeTitle) with { ApplicationContextName = "1.2.3.4.5" });
        await version.SendAsync(RawPeer.Request("PEER", TestScp.AeTitle) with { ProtocolVersion = 2 });

        Assert.Equal(AssociationRejection.ApplicationContextNotSupported, Assert.IsType<AssociateRejectPdu>(await context.ReadAsync(Wait)).Rejection);
        Assert.Equal(AssociationRejection.ProtocolVersionNotSupported, Assert.IsType<AssociateRejectPdu>(await version.ReadAsync(Wait)).Rejection);
    }

    [Fact]
    public async Task GivenContextsWeCannotServe_WhenAssociating_ThenEachIsRefusedWithItsReasonAndTheOthersAccepted()
    {
        using var folder = new TempFolder();
        await using var scp = new TestScp(new FolderStoreHandler(folder.Path));
        await using var peer = await RawPeer.ConnectAsync(scp.Port);
        const string ultrasound = "1.2.840.10008.5.1.4.1.1.6.1";
        const string htj2k = "1.2.840.10008.1.2.4.201";

        await peer.SendAsync(RawPeer.Request("PEER", TestScp.AeTitle,
            new PresentationContextProposal(1, ultrasound, [TransferSyntaxes.Default]),
            new PresentationContextProposal(3, SopClasses.CtImageStorage, [htj2k]),
            new PresentationContextProposal(5, SopClasses.CtImageStorage, [htj2k, "1.2.840.10008.1.2.4.70", TransferSyntaxes.Default]),
            new PresentationContextProposal(6, SopClasses.CtImageStorage, [TransferSyntaxes.Default]),
            new PresentationContextProposal(7, SopClasses.Verification, [TransferSyntaxes.Default])));

        var accept = Assert.IsType<AssociateAcceptPdu>(await peer.ReadAsync(Wait));
        var results = accept.PresentationContexts.ToDictionary(r => r.Id);
        Assert.Equal(PresentationContextOutcome.AbstractSyntaxNotSupported, results[1].Outcome);
        Assert.Equal(PresentationContextOutcome.TransferSyntaxesNotSupported, results[3].Outcome);
        Assert.Equal((PresentationContextOutcome.Acceptance, "1.2.840.10008.1.2.4.70"), (results[5].Outcome, results[5].TransferSyntax)); // the first proposed we support
        Assert.Equal(PresentationContextOutcome.NoReason, results[6].Outcome); // even IDs are not allowed (PS3.8 §9.3.2.2)
        Assert.Equal(PresentationContextOutcome.Acceptance, results[7].Outcome);
        Assert.Equal(256u * 1024, accept.UserInformation.MaxPduLength);
        Assert.Equal(HeadCt.Dicom.DicomImplementation.ClassUid, accept.UserInformation.ImplementationClassUid);
    }

    [Fact]
    public async Task GivenRoleSelectionAsyncWindowAndExtendedNegotiation_WhenAssociating_ThenRolesAreAnsweredWindowIsOneAndTheRestIgnored()
    {
        using var folder = new TempFolder();
        await using var scp = new TestScp(new FolderStoreHandler(folder.Path));
        await using var peer = await RawPeer.ConnectAsync(scp.Port);
        var request = RawPeer.Request("PEER", TestScp.AeTitle, new PresentationContextProposal(1, SopClasses.CtImageStorage, [TransferSyntaxes.Default]));
        var user = request.UserInformation with
        {
            AsyncOperations = new AsyncOperationsWindow(8, 8),
            RoleSelections = [new RoleSelection(SopClasses.CtImageStorage, ScuRole: true, ScpRole: true)],
        };
        var bytes = PduEncoder.Encode(request with { UserInformation = user }).ToList();
        // Append a SOP Class Extended Negotiation sub-item (56H) and a User Identity sub-item (58H) to the user information item.
        byte[] extendedNegotiation = [0x56, 0, 0, 8, 0, 2, (byte)'1', (byte)'2', 1, 0, 1, 0];
        byte[] userIdentity = [0x58, 0, 0, 8, 1, 0, 0, 2, (byte)'m', (byte)'e', 0, 0];
        Patch(bytes, [.. extendedNegotiation, .. userIdentity]);

        await peer.SendAsync(bytes.ToArray());

        var accept = Assert.IsType<AssociateAcceptPdu>(await peer.ReadAsync(Wait));
        Assert.Equal(new AsyncOperationsWindow(1, 1), accept.UserInformation.AsyncOperations);
        Assert.Equal(new RoleSelection(SopClasses.CtImageStorage, ScuRole: true, ScpRole: false), Assert.Single(accept.UserInformation.RoleSelections));
        Assert.Empty(accept.UserInformation.IgnoredItems);
        Assert.True(Assert.Single(accept.PresentationContexts).IsAccepted);
    }

    /// <summary>Appends sub-items at the end of the PDU (the user information item is last) and fixes both lengths.</summary>
    private static void Patch(List<byte> pdu, byte[] subItems)
    {
        var userItem = pdu.Count - 1;
        for (var i = 74; i < pdu.Count;)
        {
            if (pdu[i] == 0x50)
            {
                userItem = i;
                break;
            }

            i += 4 + (pdu[i + 2] << 8 | pdu[i + 3]);
        }

        pdu.AddRange(subItems);
        var itemLength = (pdu[userItem + 2] << 8 | pdu[userItem + 3]) + subItems.Length;
        pdu[userItem + 2] = (byte)(itemLength >> 8);
        pdu[userItem + 3] = (byte)itemLength;
        var pduLength = pdu.Count - 6;
        pdu[2] = (byte)(pduLength >> 24);
        pdu[3] = (byte)(pduLength >> 16);
        pdu[4] = (byte)(pduLength >> 8);
        pdu[5] = (byte)pduLength;
    }

    [Fact]
    public async Task GivenAnUnrecognizedOperationOrAStoreOnTheWrongContext_WhenRequested_ThenTheResponseCarriesTheStatus()
    {
        using var folder = new TempFolder();
        await using var scp = new TestScp(new FolderStoreHandler(folder.Path));
        await using var peer = await RawPeer.ConnectAsync(scp.Port);
        await peer.SendAsync(RawPeer.Request("PEER", TestScp.AeTitle, new PresentationContextProposal(1, SopClasses.Verification, [TransferSyntaxes.Default])));
        Assert.IsType<AssociateAcceptPdu>(await peer.ReadAsync(Wait));

        var find = new CommandSet().SetString(CommandElement.AffectedSopClassUid, SopClasses.Verification)
            .SetUInt16(CommandElement.CommandField, (ushort)CommandField.CFindRequest).SetUInt16(CommandElement.MessageId, 7)
            .SetUInt16(CommandElement.CommandDataSetType, CommandElement.NoDataSet);
        await peer.SendDataAsync(1, true, true, find.Encode());
        var findResponse = ResponseOf(await peer.ReadAsync(Wait));

        await peer.SendDataAsync(1, true, true, CommandSets.StoreRequest(8, SopClasses.CtImageStorage, "1.2.3").Encode());
        await peer.SendDataAsync(1, false, true, new byte[16]);
        var storeResponse = ResponseOf(await peer.ReadAsync(Wait));

        Assert.Equal((ushort)0x8020, (ushort)findResponse.CommandField);
        Assert.Equal(DimseStatus.UnrecognizedOperation.Code, findResponse.Status);
        Assert.Equal((ushort)7, findResponse.MessageIdBeingRespondedTo);
        Assert.Equal(DimseStatus.SopClassNotSupported.Code, storeResponse.Status);
        Assert.Equal((ushort)8, storeResponse.MessageIdBeingRespondedTo);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    public static CommandSet ResponseOf(object? pdu)
    {
        var values = Assert.IsType<List<(byte ContextId, bool IsCommand, bool IsLast, byte[] Data)>>(pdu);
        return CommandSet.Parse(values.Where(v => v.IsCommand).SelectMany(v => v.Data).ToArray());
    }
}
