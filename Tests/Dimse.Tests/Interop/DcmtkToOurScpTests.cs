using HeadCt.Dicom;
using HeadCt.Dimse.Association;
using HeadCt.DicomPeers;
using HeadCt.Dimse.Tests.Support;

namespace HeadCt.Dimse.Tests.Interop;

/// <summary>
/// DCMTK's SCUs (echoscu, storescu, dcmsend) against our acceptor. DCMTK re-encodes a data set as it sends it (group
/// lengths dropped, lengths rewritten), so "what was sent" is what DCMTK's own storescp records in bit-preserving mode
/// (+B) from the same tool and file: every data set we store must equal that, byte for byte, in the same syntax.
/// </summary>
public sealed class DcmtkToOurScpTests
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task GivenEchoscu_WhenItVerifies_ThenEchoSucceedsAndTheAssociationIsReleased()
    {
        using var folder = new TempFolder();
        var handler = new FolderStoreHandler(folder.Path, "ECHOSCU");
        await using var scp = new TestScp(handler);

        var echo = await Dcmtk.RunAsync("echoscu", ["-aet", "ECHOSCU", "-aec", TestScp.AeTitle, "127.0.0.1", scp.Port.ToString()], ToolTimeout);

        Assert.True(echo.ExitCode == 0, echo.Output);
        var ended = Assert.Single(await handler.WaitForEndedAsync(1, ToolTimeout));
        Assert.Equal(AssociationOutcome.Released, ended.Outcome);
        Assert.Equal("ECHOSCU", ended.Association.CallingAeTitle);
    }

    [Fact]
    public async Task GivenStorescuWithTheHeadSeries_WhenSent_ThenEveryDataSetIsStoredExactlyAsStorescpRecordsIt()
    {
        using var folder = new TempFolder();
        var handler = new FolderStoreHandler(folder.Path, "STORESCU");
        await using var scp = new TestScp(handler);
        await using var reference = await Storescp.StartAsync(Path.Combine(folder.Path, "reference"));
        var files = CorpusFiles.Series(InteropFiles.HeadSeries);

        var sent = await Dcmtk.RunAsync("storescu", ["-aet", "STORESCU", "-aec", TestScp.AeTitle, "127.0.0.1", scp.Port.ToString(), .. files], ToolTimeout);
        var referenced = await Dcmtk.RunAsync("storescu", ["-aet", "STORESCU", "-aec", Storescp.AeTitle, "127.0.0.1", reference.Port.ToString(), .. files], ToolTimeout);

        Assert.True(sent.ExitCode == 0, sent.Output);
        Assert.True(referenced.ExitCode == 0, referenced.Output);
        AssertSameDataSets(files, reference.DataSets(), DataSets.InFolder(folder.Path));
        Assert.Equal(files.Count, Assert.Single(await handler.WaitForEndedAsync(1, ToolTimeout)).InstancesStored);
    }

    /// <summary>Several of these files share a SOP Instance UID (one image in many syntaxes), so each is sent and compared on its own.</summary>
    [Fact]
    public async Task GivenDcmsendWithOneFileOfEveryTransferSyntax_WhenSentWithoutDecompression_ThenEachIsStoredInItsSyntaxExactlyAsStorescpRecordsIt()
    {
        using var folder = new TempFolder();
        var handler = new FolderStoreHandler(folder.Path, "DCMSEND");
        await using var scp = new TestScp(handler);
        var referenceFolder = Path.Combine(folder.Path, "reference");
        await using var reference = await Storescp.StartAsync(referenceFolder);

        foreach (var file in InteropFiles.EveryTransferSyntax.Select(CorpusFiles.PathOf))
        {
            var sent = await Dcmtk.RunAsync("dcmsend", ["-dn", "-aet", "DCMSEND", "-aec", TestScp.AeTitle, "127.0.0.1", scp.Port.ToString(), file], ToolTimeout);
            var referenced = await Dcmtk.RunAsync("dcmsend", ["-dn", "-aet", "DCMSEND", "-aec", Storescp.AeTitle, "127.0.0.1", reference.Port.ToString(), file], ToolTimeout);

            Assert.True(sent.ExitCode == 0, $"{Path.GetFileName(file)}: {sent.Output}");
            Assert.True(referenced.ExitCode == 0, $"{Path.GetFileName(file)}: {referenced.Output}");
            AssertSameDataSets([file], reference.DataSets(), DataSets.InFolder(folder.Path));
            var stored = Path.Combine(folder.Path, DataSets.SopInstanceUidOf(file) + ".dcm");
            var original = SyntaxOf(file);
            // dcmsend proposes Explicit VR LE first for uncompressed files and converts them; compressed ones keep their syntax (-dn).
            Assert.Equal(SyntaxOf(Directory.GetFiles(referenceFolder).Single()), SyntaxOf(stored));
            Assert.True(!original.IsEncapsulated && !original.IsDeflated || SyntaxOf(stored) == original, $"{Path.GetFileName(file)} was converted");
            File.Delete(stored);
            foreach (var written in Directory.GetFiles(referenceFolder))
                File.Delete(written);
        }
    }

    [Fact]
    public async Task GivenAMaximumPduLengthOf4096_WhenStorescuSendsSlices_ThenTheirFragmentsAreReassembledExactly()
    {
        using var folder = new TempFolder();
        var handler = new FolderStoreHandler(folder.Path, "STORESCU");
        var settings = new AcceptorSettings { AeTitle = TestScp.AeTitle, MaxPduLength = 4096 };
        await using var scp = new TestScp(handler, settings);
        await using var reference = await Storescp.StartAsync(Path.Combine(folder.Path, "reference"));
        var files = CorpusFiles.Series(InteropFiles.HeadSeries).Take(3).ToList();

        var sent = await Dcmtk.RunAsync("storescu", ["-aet", "STORESCU", "-aec", TestScp.AeTitle, "127.0.0.1", scp.Port.ToString(), .. files], ToolTimeout);
        await Dcmtk.RunAsync("storescu", ["-aet", "STORESCU", "-aec", Storescp.AeTitle, "127.0.0.1", reference.Port.ToString(), .. files], ToolTimeout);

        Assert.True(sent.ExitCode == 0, sent.Output);
        AssertSameDataSets(files, reference.DataSets(), DataSets.InFolder(folder.Path));
    }

    private static TransferSyntax SyntaxOf(string path) => DicomReader.ReadPartTenHeader(File.ReadAllBytes(path), true).TransferSyntax;

    private static void AssertSameDataSets(IReadOnlyList<string> files, IReadOnlyDictionary<string, byte[]> reference, IReadOnlyDictionary<string, byte[]> ours)
    {
        Assert.Equal(files.Count, ours.Count);
        foreach (var file in files)
        {
            var uid = DataSets.SopInstanceUidOf(file);
            Assert.True(ours.ContainsKey(uid), $"{Path.GetFileName(file)} was not stored");
            Assert.True(reference.ContainsKey(uid), $"{Path.GetFileName(file)} was not stored by storescp, which holds {string.Join(", ", reference.Keys)}");
            Assert.True(reference[uid].AsSpan().SequenceEqual(ours[uid]),
                $"{Path.GetFileName(file)}: we stored {ours[uid].Length} bytes, storescp +B {reference[uid].Length}, and they differ");
        }
    }
}
