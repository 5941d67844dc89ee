using HeadCt.DicomPeers;
using HeadCt.Dicom;
using HeadCt.Dimse;
using HeadCt.Dimse.Messages;
using HeadCt.Dimse.Pdus;
using HeadCt.Platform.Tests.Support;
using static HeadCt.Platform.Tests.Dimse.GatewayDicom;

namespace HeadCt.Platform.Tests.Dimse;

/// <summary>
/// The running gateway's DICOM endpoint under inputs it must refuse: each gets the standard's answer, the endpoint
/// keeps serving, and nothing is half-stored. (The full state-machine matrix runs against the library in Dimse.Tests.)
/// </summary>
[Collection(ServicesCollection.Name)]
public sealed class GatewayDimseRobustnessTests(ServicesAppFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GivenAnUltrasoundImage_WhenStorescuOffersIt_ThenItsContextIsRefusedAndNothingIsStored()
    {
        var (host, port) = fixture.GetDicomEndpoint();
        var ultrasound = CorpusFiles.PathOf("syntaxes/explicit_be/ExplVR_BigEnd.dcm");

        var sent = await Dcmtk.RunAsync("storescu", ["-aet", DimseTestPeers.Storescu, "-aec", DimseTestPeers.GatewayAeTitle, host, port.ToString(), ultrasound], Wait);

        Assert.NotEqual(0, sent.ExitCode);
        Assert.Contains("No presentation context", sent.Output, StringComparison.OrdinalIgnoreCase);
        await Task.Delay(DimseTestPeers.QuietPeriod * 2);
        var storage = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        Assert.Empty(await storage.ListAsync(StorageProbe.DicomContainer, $"studies/{StudyIdOf(ultrasound)}/"));
    }

    [Fact]
    public async Task GivenAStoreCutOffMidDataSetAndAPduLongerThanNegotiated_WhenReceived_ThenNothingIsStoredAndTheLongPduIsAborted()
    {
        var (host, port) = fixture.GetDicomEndpoint();
        var slice = CorpusFiles.SeriesFiles(CorpusFiles.MrBrainSeries)[0];
        var bytes = await File.ReadAllBytesAsync(slice);
        var header = DicomReader.ReadPartTenHeader(bytes, true);

        await using (var cut = await EstablishAsync(host, port, SopClasses.MrImageStorage, header.TransferSyntax.Uid))
        {
            await cut.SendDataAsync(1, true, true, CommandSets.StoreRequest(1, SopClasses.MrImageStorage, header.SopInstanceUid!).Encode());
            await cut.SendDataAsync(1, false, false, bytes[header.DatasetOffset..(header.DatasetOffset + 4000)]);
        } // the connection drops here, 4000 bytes into the data set

        await using var longPdu = await EstablishAsync(host, port, SopClasses.MrImageStorage, header.TransferSyntax.Uid);
        await longPdu.SendDataAsync(1, true, true, CommandSets.StoreRequest(2, SopClasses.MrImageStorage, header.SopInstanceUid!).Encode());
        await longPdu.SendDataAsync(1, false, true, new byte[256 * 1024]); // 6 bytes over the 256 KiB Maximum Length we announced
        Assert.Equal(new AbortPdu(AbortSource.ServiceProvider, AbortReason.InvalidPduParameterValue), await longPdu.ReadAsync(Wait));

        await Task.Delay(DimseTestPeers.QuietPeriod * 2);
        var storage = new StorageProbe(await fixture.GetStorageConnectionStringAsync());
        Assert.Empty(await storage.ListAsync(StorageProbe.DicomContainer, $"studies/{StudyIdOf(slice)}/"));
    }

    [Fact]
    public async Task GivenTwoHundredAssociationsAtOnce_WhenTheLimitIsSixteen_ThenSixteenAreAcceptedTheRestRejectedLocalLimitAndEchoStillWorks()
    {
        var (host, port) = fixture.GetDicomEndpoint();
        var peers = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => RawPeer.ConnectAsync(port, host)));
        try
        {
            await Task.WhenAll(peers.Select(peer => peer.SendAsync(RawPeer.Request(DimseTestPeers.OurScu, DimseTestPeers.GatewayAeTitle))));
            var answers = await Task.WhenAll(peers.Select(peer => peer.ReadAsync(Wait)));

            Assert.Equal(DimseTestPeers.MaxAssociations, answers.Count(answer => answer is AssociateAcceptPdu));
            Assert.Equal(200 - DimseTestPeers.MaxAssociations, answers.OfType<AssociateRejectPdu>().Count(r => r.Rejection == AssociationRejection.LocalLimitExceeded));
        }
        finally
        {
            foreach (var peer in peers)
                await peer.DisposeAsync();
        }

        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            // The released slots come back as the gateway notices each closed connection.
            var echo = await Dcmtk.RunAsync("echoscu", ["-aet", DimseTestPeers.Echoscu, "-aec", DimseTestPeers.GatewayAeTitle, host, port.ToString()], Wait);
            if (echo.ExitCode == 0)
                break;
            Assert.True(DateTime.UtcNow < deadline, echo.Output);
            await Task.Delay(500);
        }
    }

    private static async Task<RawPeer> EstablishAsync(string host, int port, string sopClass, string transferSyntax)
    {
        var peer = await RawPeer.ConnectAsync(port, host);
        await peer.SendAsync(RawPeer.Request(DimseTestPeers.OurScu, DimseTestPeers.GatewayAeTitle,
            new PresentationContextProposal(1, sopClass, [transferSyntax])));
        Assert.IsType<AssociateAcceptPdu>(await peer.ReadAsync(Wait));
        return peer;
    }
}
