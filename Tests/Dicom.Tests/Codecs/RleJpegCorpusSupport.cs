using System.Diagnostics;
using System.Security.Cryptography;
using HeadCt.Dicom.Codecs;
using HeadCt.Dicom.Pixels;
using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>Corpus access shared by the RLE and JPEG codec tests.</summary>
internal static class RleJpegCorpusSupport
{
    /// <summary>Manifest paths of the files in the given transfer syntaxes that have an expected pixel hash.</summary>
    public static TheoryData<string> FilesWithExpectedPixels(params string[] transferSyntaxUids)
    {
        var data = new TheoryData<string>();
        foreach (var row in Manifest.Rows)
        {
            if (transferSyntaxUids.Contains(row["transfer_syntax_uid"]) && row["expected_pixel_sha256"].Length > 0)
                data.Add(row["path"]);
        }

        return data;
    }

    /// <summary>SHA-256 of all frames decoded through the public reader and pixel pipeline, as the manifest hashes them.</summary>
    public static string DecodedPixelSha256(string path) => Sha256(PixelDataDecoder.Decode(CorpusFiles.Read(path)).Bytes);

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The compressed bytes of frame 0 (all its fragments) and the image description the codec needs.</summary>
    public static (byte[] Frame, FrameInfo Info) FirstFrame(string absolutePath)
    {
        var file = DicomReader.ReadFile(absolutePath);
        var header = DicomImageHeader.From(file);
        var fragments = file.Dataset.Find(DicomTags.PixelData)?.Fragments
            ?? throw new InvalidOperationException($"{absolutePath} has no encapsulated pixel data");
        if (header.NumberOfFrames != 1)
            throw new InvalidOperationException($"{absolutePath} is not single-frame");

        var frame = new List<byte>();
        foreach (var fragment in fragments.Fragments)
            frame.AddRange(fragment.ToArray());
        var info = new FrameInfo(header.Rows, header.Columns, header.SamplesPerPixel, header.BitsAllocated,
            header.BitsStored, header.IsSigned, header.PlanarConfiguration, header.PhotometricInterpretation ?? "MONOCHROME2");
        return (frame.ToArray(), info);
    }
}

/// <summary>DCMTK command-line tools, used to make test variants of real corpus files and to decode them independently.</summary>
internal static class JpegDcmtk
{
    public const string BinaryFolder = "/usr/bin";

    public static bool IsInstalled => File.Exists(Path.Combine(BinaryFolder, "dcmcjpeg")) && File.Exists(Path.Combine(BinaryFolder, "dcmdjpeg"));

    /// <summary>Runs a DCMTK tool and fails the test with its output when it does not succeed.</summary>
    public static void Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(BinaryFolder, tool)) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException($"{tool} did not finish within a minute");
        }

        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} failed: {output}");
    }

    public static string TemporaryFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "headct-jpeg-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}

/// <summary>A theory that needs DCMTK (installed on the build machines); skipped with a reason where it is missing.</summary>
public sealed class JpegDcmtkTheoryAttribute : TheoryAttribute
{
    public JpegDcmtkTheoryAttribute()
    {
        if (!JpegDcmtk.IsInstalled)
            Skip = $"DCMTK (dcmcjpeg, dcmdjpeg) is not installed in {JpegDcmtk.BinaryFolder}";
    }
}
