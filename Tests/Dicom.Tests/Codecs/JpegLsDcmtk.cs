using System.Diagnostics;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>DCMTK's JPEG-LS tools (dcmcjpls, dcmdjpls; CharLS inside), used to make and check stream variants.</summary>
internal static class JpegLsDcmtk
{
    public const string BinaryFolder = "/usr/bin";

    public static bool IsInstalled =>
        File.Exists(Path.Combine(BinaryFolder, "dcmcjpls")) && File.Exists(Path.Combine(BinaryFolder, "dcmdjpls"));

    /// <summary>Runs a DCMTK tool and fails the test with its output when it does not succeed.</summary>
    public static void Run(string tool, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(BinaryFolder, tool)) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill();
            Assert.Fail($"{tool} did not finish within 2 minutes");
        }

        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', start.ArgumentList)} failed: {output}{errors.Result}");
    }

    public static string TemporaryFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "headct-jpegls-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}

/// <summary>A theory that is skipped, saying why, where DCMTK's JPEG-LS tools are not installed.</summary>
public sealed class JpegLsDcmtkTheoryAttribute : TheoryAttribute
{
    public JpegLsDcmtkTheoryAttribute()
    {
        if (!JpegLsDcmtk.IsInstalled)
            Skip = $"DCMTK (dcmcjpls, dcmdjpls) is not installed in {JpegLsDcmtk.BinaryFolder}";
    }
}
