using HeadCt.Dicom.Codecs.Jpeg2000;
using Xunit.Abstractions;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>
/// Codestreams written at test time by OpenJPEG's <c>opj_compress</c> with each feature of T.800 switched on, decoded
/// by us and by <c>opj_decompress</c>: reversible streams must agree exactly, irreversible ones within one unit
/// (see <see cref="Jpeg2000LossyTests"/> for why).
/// </summary>
public class Jpeg2000OpenJpegFeatureTests(ITestOutputHelper output)
{
    private static readonly Lazy<Dictionary<string, Jpeg2000TestImage>> Images = new(() => new()
    {
        ["ct-u12"] = Jpeg2000TestImage.Ct(signed16: false),
        ["ct-s16"] = Jpeg2000TestImage.Ct(signed16: true),
        ["rgb-u8"] = Jpeg2000TestImage.Rgb(),
    });

    public static TheoryData<string, string> Cases() => new()
    {
        { "ct-u12", "-n 6" },
        { "ct-u12", "-n 1" },
        { "ct-s16", "-n 5" },
        { "ct-u12", "-p LRCP -r 20,5,1" },
        { "ct-u12", "-p RLCP -r 20,5,1 -c [64,64],[32,32]" },
        { "ct-u12", "-p RPCL -r 20,5,1 -c [64,64],[32,32],[16,16]" },
        { "ct-u12", "-p PCRL -r 20,5,1 -c [32,32]" },
        { "ct-u12", "-p CPRL -r 20,5,1 -c [32,32]" },
        { "rgb-u8", "-p RPCL -r 20,5,1 -c [32,32],[16,16]" },
        { "rgb-u8", "-p PCRL -r 10,1 -c [64,32]" },
        { "rgb-u8", "-p CPRL -r 10,1 -c [32,32]" },
        { "rgb-u8", "-r 20,5,1 -POC T0=0,0,1,3,3,CPRL/T0=0,0,3,7,3,LRCP" },
        { "ct-u12", "-M 1 -r 5,1" },
        { "ct-u12", "-M 2" },
        { "ct-u12", "-M 4 -r 5,1" },
        { "ct-u12", "-M 8" },
        { "ct-u12", "-M 16" },
        { "ct-u12", "-M 32" },
        { "ct-s16", "-M 63 -r 20,5,1" },
        { "ct-u12", "-t 64,48" },
        { "ct-u12", "-t 64,64 -TP R -p RLCP" },
        { "ct-u12", "-t 100,60 -T 3,5 -d 7,9" },
        { "ct-u12", "-d 1,3 -c [32,32] -p RPCL -n 4" },
        { "ct-u12", "-I -M 63 -r 10" },
        { "ct-u12", "-I -r 10 -ROI c=0,U=4" },
        { "ct-u12", "-I -r 10 -M 2 -ROI c=0,U=4" },
        { "ct-u12", "-I -r 10 -M 4 -ROI c=0,U=4" },
        { "ct-u12", "-I -r 10 -M 8 -ROI c=0,U=4" },
        { "ct-u12", "-I -r 10 -M 16 -ROI c=0,U=4" },
        { "ct-u12", "-I -r 10 -M 32 -ROI c=0,U=4" },
        { "ct-u12", "-SOP -EPH -r 10,1" },
        { "ct-u12", "-PLT -TLM -t 102,80" },
        { "ct-u12", "-ROI c=0,U=5" },
        { "ct-u12", "-b 16,16" },
        { "ct-u12", "-b 64,16 -n 3" },
        { "rgb-u8", "-mct 0" },
        { "rgb-u8", "-mct 1 -M 63" },
        { "ct-u12", "-I" },
        { "ct-s16", "-I -r 10" },
        { "ct-u12", "-I -r 30,10,3 -p RPCL -c [64,64]" },
        { "rgb-u8", "-I -r 8" },
        { "rgb-u8", "-I -t 64,64 -p CPRL -r 30,8" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivenOpenJpegCodestream_WhenDecoded_ThenItMatchesOpenJpeg(string imageName, string arguments)
    {
        Assert.True(OpenJpegReference.FindOnPath("opj_compress") is not null && OpenJpegReference.IsInstalled,
            "opj_compress and opj_decompress (libopenjp2-tools) are needed");
        var image = Images.Value[imageName];
        var codestream = Compress(image, arguments);

        var ours = new byte[image.Info.DecodedFrameLength];
        new Jpeg2000Decoder().Decode(codestream, image.Info, ours);
        var actual = Jpeg2000Frames.Samples(ours, image.Info, image.Signed);
        var reference = OpenJpegReference.Decode(codestream, image.Components, image.Precision, image.Signed);

        var (maxDifference, psnr) = Jpeg2000LossyTests.Compare(actual, reference, image.Precision);
        output.WriteLine($"{imageName} {arguments}: {codestream.Length} bytes, max |diff| {maxDifference}, PSNR {psnr:F1} dB");
        var lossless = !arguments.Contains("-I", StringComparison.Ordinal) && !arguments.Contains("-r", StringComparison.Ordinal);
        if (lossless)
            Assert.Equal(image.Samples, actual); // a lossless stream gives back the very input
        Assert.Equal(reference.Length, actual.Length);
        var irreversible = arguments.Contains("-I", StringComparison.Ordinal);
        Assert.True(maxDifference <= (irreversible ? 1 : 0), $"max |difference| {maxDifference} from OpenJPEG");
    }

    /// <summary>
    /// ROI with bypass: OpenJPEG 2.5's decoder starts raw passes four planes below the magnitude bits without the
    /// ROI shift while its encoder (and T.800 D.6, counting coding passes) starts them after the tenth pass, so
    /// opj_decompress returns garbage (max |diff| 338 here). The oracle is the input image itself.
    /// </summary>
    [Theory]
    [InlineData("-M 1 -ROI c=0,U=4")]
    [InlineData("-M 63 -ROI c=0,U=6")]
    public void GivenBypassWithRoiShift_WhenDecoded_ThenTheInputComesBackExactly(string arguments)
    {
        Assert.True(OpenJpegReference.FindOnPath("opj_compress") is not null, "opj_compress (libopenjp2-tools) is needed");
        var image = Images.Value["ct-u12"];
        var codestream = Compress(image, arguments);

        var ours = new byte[image.Info.DecodedFrameLength];
        new Jpeg2000Decoder().Decode(codestream, image.Info, ours);

        Assert.Equal(image.Samples, Jpeg2000Frames.Samples(ours, image.Info, image.Signed));
    }

    /// <summary>opj_compress -c [16,16] with six resolutions writes precinct exponent 0 above resolution 0, which
    /// T.800 A.6.1 forbids and opj_decompress refuses too; we name the marker.</summary>
    [Fact]
    public void GivenPrecinctExponentZeroAboveResolutionZero_WhenDecoded_ThenCorruptPixelDataNamesCod()
    {
        Assert.True(OpenJpegReference.FindOnPath("opj_compress") is not null, "opj_compress (libopenjp2-tools) is needed");
        var image = Images.Value["rgb-u8"];
        var codestream = Compress(image, "-c [16,16]");

        var error = Assert.Throws<DicomException>(() => new Jpeg2000Decoder().Decode(codestream, image.Info, new byte[image.Info.DecodedFrameLength]));

        Assert.Equal(DicomErrorKind.CorruptPixelData, error.Kind);
        Assert.Contains("COD", error.Reason, StringComparison.Ordinal);
        Assert.NotNull(error.Offset);
    }

    internal static byte[] Compress(Jpeg2000TestImage image, string arguments)
    {
        var directory = Directory.CreateTempSubdirectory("headct-opjc-");
        try
        {
            var input = Path.Combine(directory.FullName, "in.rawl");
            var output = Path.Combine(directory.FullName, "out.j2k");
            File.WriteAllBytes(input, image.PlanarLittleEndian());
            OpenJpegReference.Run("opj_compress", $"-i {input} -o {output} -F {image.RawFormat} {arguments}");
            return File.ReadAllBytes(output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
