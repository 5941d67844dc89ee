using HeadCt.Dimse.Association;
using HeadCt.Dimse.Messages;
using HeadCt.Dimse.Pdus;
using HeadCt.DicomPeers;
using HeadCt.Dimse.Tests.Support;

namespace HeadCt.Dimse.Tests.Association;

/// <summary>
/// The state machine's answers to PDUs out of order, broken or missing (PS3.8 §9.2, Table 9-10): each gets the
/// standard's answer, the SCP keeps serving, and no instance is half-stored.
/// </summary>
public sealed class StateMachineTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static AcceptorSettings Quick => new()
    {
        AeTitle = TestScp.AeTitle, ArtimTimeout = TimeSpan.FromSeconds(1), IdleTimeout = TimeSpan.FromSeconds(1), MaxPduLength = 16384,
    };

    [Fact]
    public async Task GivenPDataBeforeAssociation_WhenReceived_ThenAbortIsSentWithServiceUserSource()
    {
        using var folder = new TempFolder();
        await using var scp = new TestScp(new FolderStoreHandler(folder.Path), Quick);
        await using var peer = await RawPeer.ConnectAsync(scp.Port);

        await peer.SendDataAsync(1, true, true, new byte[20]);

        // Sta2 + Evt10 → AA-1: A-ABORT (service-user source), ARTIM, Sta13; then the connection is closed.
        Assert.Equal(new AbortPdu(AbortSource.ServiceUser, AbortReason.NotSpecified), await peer.ReadAsync(Wait));
        Assert.True(await peer.ClosedByPeerAsync(Wait));
        await AssertStillServesAsync(scp);
    }

    [Fact]
    public async Task GivenAConnectionThatSendsNothing_WhenArtimExpires_ThenTheScpClosesIt()
    {
        using var folder = new TempFolder();
        await using var scp = new TestScp(new FolderStoreHandler(folder.Path), Quick);
        await using var peer = await RawPeer.ConnectAsync(scp.Port);

        Assert.True(await peer.ClosedByPeerAsync(Wait)); // Sta2 + Evt18 → AA-2
        await AssertStillServesAsync(scp);
    }

    [Fact]
    public async Task GivenAnEstablishedAssociationThatGoesSilent_WhenTheIdleTimeoutPasses_ThenItIsAbortedAndClosed()
    {
        using var folder = new TempFolder();
        var handler = new FolderStoreHandler(folder.Path);
        await using var scp = new TestScp(handler, Quick);
        await using var peer = await EstablishAsync(scp);

        Assert.Equal(new AbortPdu(AbortSource.ServiceUser, AbortReason.NotSpecified), await peer.ReadAsync(Wait));
        Assert.True(await peer.ClosedByPeerAsync(Wait));
        Assert.Equal(AssociationOutcome.AbortedIdle, Assert.Single(await handler.WaitForEndedAsync(1, Wait)).Outcome);
    }

    [Fact]
    public async Task GivenAPDataLongerThanNegotiated_WhenItsHeaderArrivesMidStore_ThenAbortInvalidParameterAndNothingIsStored()
    {
        using var folder = new TempFolder();
        var handler = new FolderStoreHandler(folder.Path);
        await using var scp = new TestScp(handler, Quick);
        await using var peer = await BeginStoreAsync(scp);

        await peer.SendDataAsync(1, false, true, new byte[Quick.MaxPduLength]); // PDU length = max + 6

        Assert.Equal(new AbortPdu(AbortSource.ServiceProvider, AbortReason.InvalidPduParameterValue), await peer.ReadAsync(Wait)); // AA-8
        Assert.True(await peer.ClosedByPeerAsync(Wait));
        var ended = Assert.Single(await handler.WaitForEndedAsync(1, Wait));
        Assert.Equal(AssociationOutcome.AbortedForProtocolError, ended.Outcome);
        Assert.Equal((0, 1), (ended.InstancesStored, ended.InstancesFailed));
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public async Task GivenATruncatedPdu_WhenThePeerStopsSendingMidPdu_ThenTheConnectionIsClosedAndNothingIsStored()
    {
        using var folder = new TempFolder();
        var handler = new FolderStoreHandler(folder.Path);
        await using var scp = new TestScp(handler, Quick);
        await using var peer = await BeginStoreAsync(scp);

        byte[] truncated = [0x04, 0, 0, 0, 0x03, 0xE8, 0, 0, 0x03, 0xE4, 1, 0, 1, 2, 3]; // declares 1000 bytes, sends 9
        await peer.SendAsync(truncated);
        peer.ShutdownSend();

        Assert.True(await peer.ClosedByPeerAsync(Wait));
        var ended = Assert.Single(await handler.WaitForEndedAsync(1, Wait));
        Assert.Equal(AssociationOutcome.TransportClosed, ended.Outcome);
        Assert.Equal(1, ended.InstancesFailed);
        Assert.Empty(Directory.GetFiles(folder.Path));
        await AssertStillServesAsync(scp);
    }

    [Theory]
    [InlineData(0x09, AbortReason.UnrecognizedPdu)] // Evt19 → AA-8
    [InlineData(0x01, AbortReason.UnexpectedPdu)] // A-ASSOCIATE-RQ in Sta6 → AA-8
    [InlineData(0x06, AbortReason.UnexpectedPdu)] // A-RELEASE-RP in Sta6 → AA-8
    public async Task GivenAnEstablishedAssociation_WhenAnUnexpectedOrUnknownPduArrives_ThenAbortWithTheReason(byte type, AbortReason reason)
    {
        using var folder = new TempFolder();
        await using var scp = new TestScp(new FolderStoreHandler(folder.Path), Quick);
        await using var peer = await EstablishAsync(scp);

        await peer.SendAsync([type, 0, 0, 0, 0, 4, 0, 0, 0, 0]);

        Assert.Equal(new AbortPdu(AbortSource.ServiceProvider, reason), await peer.ReadAsync(Wait));
    }

    [Fact]
    public async Task GivenAReleaseInTheMiddleOfADataSet_WhenReceived_ThenReleaseIsAnsweredAndTheInstanceIsNotKept()
    {
        using var folder = new TempFolder();
        var handler = new FolderStoreHandler(folder.Path);
        await using var scp = new TestScp(handler, Quick);
        await using var peer = await BeginStoreAsync(scp);

        await peer.SendAsync(new ReleaseRequestPdu());

        Assert.IsType<ReleaseResponsePdu>(await peer.ReadAsync(Wait));
        await peer.DisposeAsync();
        var ended = Assert.Single(await handler.WaitForEndedAsync(1, Wait));
        Assert.Equal((AssociationOutcome.Released, 1), (ended.Outcome, ended.InstancesFailed));
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public async Task GivenTwoHundredAssociationsAtOnce_WhenTheLimitIsSixteen_ThenSixteenAreAcceptedTheRestRejectedTransientlyAndTheScpServesAfterwards()
    {
        using var folder = new TempFolder();
        await using var scp = new TestScp(new FolderStoreHandler(folder.Path), maxAssociations: 16);
        var peers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => RawPeer.ConnectAsync(scp.Port)));

        await Task.WhenAll(peers.Select(peer => peer.SendAsync(RawPeer.Request("PEER", TestScp.AeTitle))));
        var answers = await Task.WhenAll(peers.Select(peer => peer.ReadAsync(Wait)));

        Assert.Equal(16, answers.Count(answer => answer is AssociateAcceptPdu));
        Assert.All(answers.OfType<AssociateRejectPdu>(), reject => Assert.Equal(AssociationRejection.LocalLimitExceeded, reject.Rejection));
        Assert.Equal(184, answers.OfType<AssociateRejectPdu>().Count());
        foreach (var peer in peers)
            await peer.DisposeAsync();
        await AssertStillServesAsync(scp);
    }

    /// <summary>An association with a C-STORE under way: its command and the first 1000 bytes of its data set sent.</summary>
    private static async Task<RawPeer> BeginStoreAsync(TestScp scp)
    {
        var peer = await EstablishAsync(scp, storage: true);
        await peer.SendDataAsync(1, true, true, CommandSets.StoreRequest(1, SopClasses.CtImageStorage, "1.2.3.4").Encode());
        await peer.SendDataAsync(1, false, false, new byte[1000]);
        return peer;
    }

    private static async Task<RawPeer> EstablishAsync(TestScp scp, bool storage = false)
    {
        var peer = await RawPeer.ConnectAsync(scp.Port);
        await peer.SendAsync(RawPeer.Request("PEER", TestScp.AeTitle,
            new PresentationContextProposal(1, storage ? SopClasses.CtImageStorage : SopClasses.Verification, [TransferSyntaxes.Default])));
        Assert.IsType<AssociateAcceptPdu>(await peer.ReadAsync(Wait));
        return peer;
    }

    /// <summary>A C-ECHO through a fresh association succeeds (the limiter slots of earlier associations are free again).</summary>
    private static async Task AssertStillServesAsync(TestScp scp)
    {
        await using var peer = await EstablishAsync(scp);
        await peer.SendDataAsync(1, true, true, CommandSets.EchoRequest(1).Encode());
        var response = AcceptorAnswersTests.ResponseOf(await peer.ReadAsync(Wait));
        Assert.Equal(DimseStatus.Success.Code, response.Status);
        await peer.SendAsync(new ReleaseRequestPdu());
        Assert.IsType<ReleaseResponsePdu>(await peer.ReadAsync(Wait));
    }
}
