using System.Diagnostics;
using System.Text;
using HeadCt.Dicom.Codecs;
using HeadCt.Dicom.Pixels;
using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>
/// Baseline streams with restart intervals, subsampling and one scan per component, made by libjpeg-turbo's
/// cjpeg from real corpus pixels (the corpus has none) and decoded by its djpeg as the reference: libjpeg's
/// default decode (islow IDCT, fancy upsampling, YCbCr→RGB for JFIF) is what the decoder reproduces.
/// </summary>
public class JpegLibjpegRestartTests
{
    private const string RgbImage = "features/photometric/RGB_SC_rgb.dcm";
    private const string GreyFrames = "features/sequences/MR_UnspecifiedLength.dcm";

    public static TheoryData<string, string[]> Cases() => new()
    {
        { GreyFrames, ["-restart", "1"] },           // one MCU row per interval
        { GreyFrames, ["-restart", "7B"] },          // intervals that end mid-row
        { RgbImage, ["-restart", "3B", "-sample", "2x1"] },
        { RgbImage, ["-restart", "2", "-sample", "2x2"] },
        { RgbImage, ["-sample", "1x1"] },
        { RgbImage, ["-restart", "5B", "-sample", "2x2", "-scans", "separate"] }, // one non-interleaved scan per component
        { GreyFrames, ["-quality", "100"] },
    };

    [JpegLibjpegTheory]
    [MemberData(nameof(Cases))]
    public void GivenLibjpegStream_WhenDecoded_ThenSamplesEqualDjpeg(string source, string[] options)
    {
        var folder = JpegDcmtk.TemporaryFolder();
        var image = CorpusImageAsNetpbm(source, Path.Combine(folder, "source.pnm"));
        var compressed = Path.Combine(folder, "compressed.jpg");
        var reference = Path.Combine(folder, "reference.pnm");
        var cjpegOptions = options.ToList();
        var separateScans = cjpegOptions.IndexOf("separate");
        if (separateScans > 0)
        {
            var script = Path.Combine(folder, "scans.txt");
            File.WriteAllText(script, "0;\n1;\n2;\n");
            cjpegOptions[separateScans] = script;
        }

        Run("cjpeg", [.. cjpegOptions, "-outfile", compressed, image.Path]);
        Run("djpeg", "-pnm", "-outfile", reference, compressed);

        var info = new FrameInfo(image.Height, image.Width, image.Samples, 8, 8, false, 0, image.Samples == 3 ? "RGB" : "MONOCHROME2");
        var decoded = new byte[info.DecodedFrameLength];
        new JpegDecoder().Decode(File.ReadAllBytes(compressed), info, decoded);

        var expected = ReadNetpbmSamples(reference);
        Assert.Equal(expected.Length, decoded.Length);
        Assert.True(expected.AsSpan().SequenceEqual(decoded), $"first difference at sample {expected.AsSpan().CommonPrefixLength(decoded)}");
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Writes frame 0 of a corpus image as binary PGM/PPM for cjpeg.</summary>
    private static (string Path, int Width, int Height, int Samples) CorpusImageAsNetpbm(string source, string path)
    {
        var pixels = PixelDataDecoder.Decode(CorpusFiles.Read(source));
        var info = pixels.Info;
        var header = Encoding.ASCII.GetBytes($"{(info.SamplesPerPixel == 3 ? "P6" : "P5")}\n{info.Columns} {info.Rows}\n255\n");
        using (var output = File.Create(path))
        {
            output.Write(header);
            output.Write(pixels.Bytes.AsSpan(0, (int)info.DecodedFrameLength));
        }

        return (path, info.Columns, info.Rows, info.SamplesPerPixel);
    }

    /// <summary>The samples of a binary PGM/PPM file as djpeg writes it (no comments, maxval 255).</summary>
    private static byte[] ReadNetpbmSamples(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var fieldsSeen = 0;
        var position = 0;
        while (fieldsSeen < 4)
        {
            while (char.IsWhiteSpace((char)bytes[position]))
                position++;
            while (!char.IsWhiteSpace((char)bytes[position]))
                position++;
            fieldsSeen++;
        }

        return bytes[(position + 1)..];
    }

    private static void Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(JpegLibjpegTheoryAttribute.BinaryFolder, tool)) { RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), $"{tool} did not finish");
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', arguments)} failed: {errors}");
    }
}

/// <summary>A theory that needs libjpeg-turbo's cjpeg/djpeg (Debian package libjpeg-turbo-progs); skipped where missing.</summary>
public sealed class JpegLibjpegTheoryAttribute : TheoryAttribute
{
    public const string BinaryFolder = "/usr/bin";

    public JpegLibjpegTheoryAttribute()
    {
        if (!File.Exists(Path.Combine(BinaryFolder, "cjpeg")) || !File.Exists(Path.Combine(BinaryFolder, "djpeg")))
            Skip = "libjpeg-turbo-progs (cjpeg, djpeg) is not installed";
    }
}
