using HeadCt.Dicom;
using HeadCt.Processor.DicomResults;
using Xunit.Abstractions;

namespace HeadCt.Platform.Tests.DicomResults;

/// <summary>
/// The result objects against tools written by others: dciodvfy (dicom3tools) finds no error in any of them (its
/// warnings are printed), DCMTK's dsrdump renders the SR, dcmdump and pydicom read every object, and our own reader
/// reads them back to the same bytes.
/// </summary>
public sealed class ResultObjectConformanceTests(ResultObjectFixture fixture, ITestOutputHelper output) : IClassFixture<ResultObjectFixture>
{
    [Fact]
    public async Task GivenEveryObject_WhenDciodvfyChecksIt_ThenItReportsNoError()
    {
        Assert.Contains(fixture.Objects, item => item.Modality == "SEG");
        Assert.Contains(fixture.Objects, item => item.Modality == "OT");
        var errors = new List<string>();
        foreach (var file in fixture.AllFiles)
        {
            var (_, report) = await ExternalTool.RunAsync("dciodvfy", file);
            var lines = report.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var warning in lines.Where(line => line.StartsWith("Warning", StringComparison.Ordinal)).Distinct())
                output.WriteLine($"{Path.GetFileName(file)}: {warning}");
            errors.AddRange(lines.Where(line => line.StartsWith("Error", StringComparison.Ordinal)).Select(line => $"{Path.GetFileName(file)}: {line}"));
        }

        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public async Task GivenTheSr_WhenDsrdumpRendersIt_ThenTheFindingProbabilityAlgorithmAndPeakAreThere()
    {
        var sr = fixture.Objects.Single(item => item.Modality == "SR");
        var (exit, text) = await ExternalTool.RunAsync("dsrdump", "+Pc", "+Pl", fixture.PathOf(sr));
        output.WriteLine(text);
        Assert.Equal(0, exit);
        Assert.Contains("Imaging Measurement Report", text);
        Assert.Contains("(52101004,SCT,\"Present\")", text);
        Assert.Contains("\"0.87\" ({probability},UCUM,\"probability\")", text);
        Assert.Contains("(111001,DCM,\"Algorithm Name\")=\"hemorrhage-phantom-cnn\"", text);
        Assert.Contains("SCOORD3D:(111030,DCM,\"Image Region\")=(POINT,", text);
        Assert.DoesNotContain("Error", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task GivenANotApplicableStudy_WhenDsrdumpRendersItsSr_ThenItSaysWhyAndGivesNoFinding()
    {
        var (exit, text) = await ExternalTool.RunAsync("dsrdump", "+Pl", Path.Combine(fixture.Folder, "not-applicable-sr.dcm"));
        Assert.Equal(0, exit);
        Assert.Contains("Not evaluated: The slice thickness 7 mm is above the model's 5 mm.", text);
        Assert.DoesNotContain("UCUM", text);
        Assert.Single(fixture.NotApplicableObjects);
    }

    [Fact]
    public async Task GivenEveryObject_WhenDcmdumpAndPydicomReadIt_ThenTheyReadItWithoutError()
    {
        foreach (var file in fixture.AllFiles)
        {
            var (exit, dump) = await ExternalTool.RunAsync("dcmdump", "-q", "+E", file);
            Assert.True(exit == 0 && !dump.Contains("E: "), $"dcmdump {Path.GetFileName(file)}: {dump}");
        }

        string[] arguments = ["-c", "import sys, pydicom\nfor f in sys.argv[1:]:\n    d = pydicom.dcmread(f)\n    print(d.Modality, d.SOPInstanceUID, len(d.get('PixelData', b'')))",
            .. fixture.AllFiles];
        var (pyExit, pyOutput) = await ExternalTool.RunAsync("/usr/bin/python3", arguments);
        output.WriteLine(pyOutput);
        Assert.Equal(0, pyExit);
        Assert.Equal(fixture.AllFiles.Count(), pyOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void GivenEveryObject_WhenOurReaderReadsItBack_ThenWritingItAgainGivesTheSameBytes()
    {
        foreach (var item in fixture.Objects.Concat(fixture.NotApplicableObjects))
        {
            var read = DicomReader.Read(new MemoryStream(item.Bytes));
            Assert.Equal(item.SopInstanceUid, read.Dataset.GetString(DicomTags.SopInstanceUid));
            Assert.Equal(item.Bytes, DicomWriter.ToBytes(read, TransferSyntax.ExplicitVrLittleEndian));
        }
    }
}
