using HeadCt.DicomPeers;
using HeadCt.Dimse.Scu;
using HeadCt.Processor.Routing;

namespace HeadCt.Platform.Tests.DicomResults;

/// <summary>
/// The <c>dimse</c> destination against DCMTK's <c>storescp</c>: the key images and the segmentation arrive with their
/// data sets exactly as we wrote them; the Comprehensive 3D SR, a SOP class this storescp is not configured for, is
/// refused per instance and the send fails naming it; a peer that is not listening fails with the reason.
/// </summary>
public sealed class DimseRoutingTests(ResultObjectFixture fixture) : IClassFixture<ResultObjectFixture>
{
    [Fact]
    public async Task GivenStorescpWithoutComprehensive3dSr_WhenTheObjectsAreSent_ThenTheImagesArriveAsWrittenAndTheSrIsNamedAsRefused()
    {
        var folder = Path.Combine(Path.GetTempPath(), "headct-dimse-routing", Guid.NewGuid().ToString("N"));
        await using var storescp = await Storescp.StartAsync(folder);
        var destination = Destination(storescp.Port, Storescp.AeTitle);

        var error = await Assert.ThrowsAsync<DestinationException>(() =>
            destination.SendAsync(fixture.Objects.Select(item => item.Bytes).ToList(), CancellationToken.None));

        var sr = Assert.Single(fixture.Objects, item => item.Modality == "SR");
        Assert.Contains($"1 of {fixture.Objects.Count} not stored", error.Message);
        Assert.Contains(sr.SopInstanceUid, error.Message);
        Assert.Contains(sr.SopClassUid, error.Message);
        var received = storescp.DataSets();
        foreach (var item in fixture.Objects.Where(item => item.Modality != "SR"))
        {
            var written = item.Bytes[HeadCt.Dicom.DicomReader.ReadPartTenHeader(item.Bytes, true).DatasetOffset..];
            Assert.Equal(written, received[item.SopInstanceUid]);
        }

        Assert.Equal(fixture.Objects.Count - 1, received.Count);
    }

    [Fact]
    public async Task GivenNothingListening_WhenSent_ThenTheSendFailsSayingSo()
    {
        var destination = Destination(FreePorts.Next(), "NOBODY");

        var error = await Assert.ThrowsAsync<DestinationException>(() => destination.SendAsync([fixture.Objects[0].Bytes], CancellationToken.None));

        Assert.Contains("NOBODY", error.Message);
        Assert.Contains("not stored", error.Message);
    }

    private static DimseDestination Destination(int port, string aeTitle) => new("pacs", new ScuSettings
    {
        CallingAeTitle = "HEADCT", CalledAeTitle = aeTitle, Host = "127.0.0.1", Port = port, ConnectTimeout = TimeSpan.FromSeconds(5),
    }, telemetry: null);
}
