using HeadCt.Dicom.Codecs.Jpeg2000;
using HeadCt.Dicom.Tests.Support;
using Xunit.Abstractions;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>
/// Lossy (…4.91) files against OpenJPEG 2.5 decoding the same codestream. Tolerance: max |difference| ≤ 1 and
/// PSNR ≥ 70 dB over the component range (measured: 116–138 dB on the CT files, 79.6 dB on the 8-bit YBR_ICT
/// ultrasound, 693_J2KI identical). Why: the irreversible path is floating point (9/7 lifting, ICT, step sizes);
/// OpenJPEG computes in float with its own operation order, so a value within float rounding of a .5 boundary may
/// round the other way: one unit, never more, on a small fraction of samples (70 dB on 8 bits allows 0.65 % of them).
/// A real defect moves values far more: highs scaled by 2/K instead of 1/K gave max |diff| 3000–5500 and 40–50 dB.
/// </summary>
public class Jpeg2000LossyTests(ITestOutputHelper output)
{
    private const int MaxDifference = 1;
    private const double MinPsnr = 70;

    public static TheoryData<string> LossyFiles()
    {
        var data = new TheoryData<string>();
        foreach (var row in Jpeg2000Corpus.Rows(Jpeg2000Corpus.Lossy))
        {
            if (!row["path"].StartsWith("broken/", StringComparison.Ordinal))
                data.Add(row["path"]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(LossyFiles))]
    public void GivenLossyJpeg2000File_WhenDecoded_ThenItMatchesOpenJpegWithinTolerance(string path)
    {
        Assert.True(OpenJpegReference.IsInstalled, "opj_decompress (libopenjp2-tools) is needed as the reference decoder");
        var (codestream, info) = Jpeg2000Frames.FirstFrame(path);
        var ours = new byte[info.DecodedFrameLength];
        new Jpeg2000Decoder().Decode(codestream, info, ours);
        var component = Jpeg2000Probe.FirstComponent(codestream, info);

        var reference = OpenJpegReference.Decode(codestream, info.SamplesPerPixel, component.Precision, component.IsSigned);
        var actual = Jpeg2000Frames.Samples(ours, info, component.IsSigned);

        var (maxDifference, psnr) = Compare(actual, reference, component.Precision);
        output.WriteLine($"{path}: max |diff| {maxDifference}, PSNR {psnr:F1} dB");
        Assert.Equal(reference.Length, actual.Length);
        Assert.True(maxDifference <= MaxDifference, $"max |difference| {maxDifference} > {MaxDifference}");
        Assert.True(psnr >= MinPsnr, $"PSNR {psnr:F1} dB < {MinPsnr} dB");
    }

    internal static (int MaxDifference, double Psnr) Compare(int[] actual, int[] reference, int precision)
    {
        var max = 0;
        double squares = 0;
        for (var i = 0; i < Math.Min(actual.Length, reference.Length); i++)
        {
            var difference = Math.Abs(actual[i] - reference[i]);
            max = Math.Max(max, difference);
            squares += (double)difference * difference;
        }
        var mse = squares / Math.Max(1, actual.Length);
        var peak = (1 << precision) - 1.0;
        var psnr = mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(peak * peak / mse);
        return (max, psnr);
    }
}
