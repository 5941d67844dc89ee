using HeadCt.Dimse.Messages;
using HeadCt.Dimse.Pdus;
using HeadCt.Dimse.Scu;
using HeadCt.DicomPeers;
using HeadCt.Dimse.Tests.Support;

namespace HeadCt.Dimse.Tests.Interop;

/// <summary>Our SCU against DCMTK's storescp (bit-preserving) and against our own SCP. Our SCU sends data sets as stored, so they must arrive as the files hold them.</summary>
public sealed class OurScuTests
{
    [Fact]
    public async Task GivenStorescp_WhenOurScuEchoes_ThenItAnswersSuccess()
    {
        using var folder = new TempFolder();
        await using var storescp = await Storescp.StartAsync(folder.Path);

        await using var association = await ScuAssociation.OpenAsync(Settings(storescp.Port, Storescp.AeTitle),
            [new PresentationContextProposal(1, SopClasses.Verification, [TransferSyntaxes.Default])], CancellationToken.None);
        var status = await association.EchoAsync(CancellationToken.None);
        await association.ReleaseAsync(CancellationToken.None);

        Assert.Equal(DimseStatus.Success, status);
    }

    [Fact]
    public async Task GivenTheSeries_WhenOurScuSendsItToStorescp_ThenStorescpRecordsTheFilesDataSetsBitForBit()
    {
        using var folder = new TempFolder();
        await using var storescp = await Storescp.StartAsync(folder.Path);
        var files = CorpusFiles.Series(InteropFiles.HeadSeries);

        var results = await StoreScu.SendAsync(Settings(storescp.Port, Storescp.AeTitle), await SourcesAsync(files), null, CancellationToken.None);

        var received = storescp.DataSets();
        foreach (var (file, result) in files.Zip(results))
        {
            Assert.True(result.Kind == StoreResultKind.Stored, $"{Path.GetFileName(file)}: {result.Kind} {result.Status} {result.Detail}");
            Assert.True(DataSets.Of(file).AsSpan().SequenceEqual(received[result.SopInstanceUid]), $"{Path.GetFileName(file)} arrived changed");
        }
    }

    /// <summary>Several of these files share a SOP Instance UID, so each goes on its own association and is compared alone.</summary>
    [Fact]
    public async Task GivenEveryTransferSyntax_WhenOurScuSendsEachToStorescp_ThenEachArrivesBitForBitOrIsRefusedWithTheReason()
    {
        using var folder = new TempFolder();
        await using var storescp = await Storescp.StartAsync(folder.Path);

        foreach (var file in InteropFiles.EveryTransferSyntax.Append(InteropFiles.DeflatedImageFrame).Select(CorpusFiles.PathOf))
        {
            var result = Assert.Single(await StoreScu.SendAsync(Settings(storescp.Port, Storescp.AeTitle), await SourcesAsync([file]), null, CancellationToken.None));

            if (file.EndsWith(InteropFiles.DeflatedImageFrame, StringComparison.Ordinal))
            {
                // storescp 3.6.7 predates this syntax and refuses its context; we do not transcode, so it is refused with the reason.
                Assert.Equal(StoreResultKind.Refused, result.Kind);
                Assert.Contains("1.2.840.10008.1.2.8.1", result.Detail);
                continue;
            }

            Assert.True(result.Kind == StoreResultKind.Stored, $"{Path.GetFileName(file)}: {result.Kind} {result.Status} {result.Detail}");
            Assert.True(AsSent(file).AsSpan().SequenceEqual(storescp.DataSets()[result.SopInstanceUid]), $"{Path.GetFileName(file)} arrived changed");
            foreach (var written in Directory.GetFiles(folder.Path))
                File.Delete(written);
        }
    }

    /// <summary>The file's data set, plus the trailing NUL PS3.5 §A.5 asks of an odd-length deflated data set (dcmconv's file lacks it).</summary>
    private static byte[] AsSent(string file)
    {
        var dataSet = DataSets.Of(file);
        var deflated = HeadCt.Dicom.DicomReader.ReadPartTenHeader(File.ReadAllBytes(file), true).TransferSyntax.IsDeflated;
        return deflated && dataSet.Length % 2 == 1 ? [.. dataSet, 0] : dataSet;
    }

    private static async Task<List<IStoreSource>> SourcesAsync(IEnumerable<string> files)
    {
        var sources = new List<IStoreSource>();
        foreach (var file in files)
            sources.Add(await PartTenSource.FromFileAsync(file, CancellationToken.None));
        return sources;
    }

    [Fact]
    public async Task GivenOurScp_WhenOurScuSendsDeflatedImageFrameCompression_ThenItArrivesBitForBitInThatSyntax()
    {
        using var folder = new TempFolder();
        var handler = new FolderStoreHandler(folder.Path, "HEADCT_SCU");
        await using var scp = new TestScp(handler);
        var file = CorpusFiles.PathOf(InteropFiles.DeflatedImageFrame);

        var results = await StoreScu.SendAsync(Settings(scp.Port, TestScp.AeTitle), [await PartTenSource.FromFileAsync(file, CancellationToken.None)], null, CancellationToken.None);

        Assert.Equal(StoreResultKind.Stored, Assert.Single(results).Kind);
        Assert.Equal(DataSets.Of(file), DataSets.InFolder(folder.Path)[DataSets.SopInstanceUidOf(file)]);
    }

    [Fact]
    public async Task GivenAnScpThatRejectsOurCallingAe_WhenOurScuSends_ThenEveryInstanceIsNotSentWithTheRejectionReason()
    {
        using var folder = new TempFolder();
        await using var scp = new TestScp(new FolderStoreHandler(folder.Path, "SOMEONE_ELSE"));
        var file = CorpusFiles.Series(InteropFiles.HeadSeries)[0];

        var results = await StoreScu.SendAsync(Settings(scp.Port, TestScp.AeTitle), [await PartTenSource.FromFileAsync(file, CancellationToken.None)], null, CancellationToken.None);

        var result = Assert.Single(results);
        Assert.Equal(StoreResultKind.NotSent, result.Kind);
        Assert.Contains("calling-ae-title-not-recognized", result.Detail);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    private static ScuSettings Settings(int port, string calledAe) =>
        new() { CallingAeTitle = "HEADCT_SCU", CalledAeTitle = calledAe, Host = "127.0.0.1", Port = port };
}
