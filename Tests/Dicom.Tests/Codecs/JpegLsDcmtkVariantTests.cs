using HeadCt.Dicom.Pixels;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>
/// Real corpus images re-encoded by DCMTK with the JPEG-LS options the corpus lacks (sample and line interleave,
/// other NEAR values, custom thresholds and RESET, 8- and 12-bit near-lossless) and decoded by DCMTK as reference.
/// </summary>
public class JpegLsDcmtkVariantTests
{
    private const string RgbImage = "features/photometric/RGB_SC_rgb.dcm";
    private const string YbrImage = "features/photometric/YBR_FULL_SC_ybr_full_uncompressed.dcm";
    private const string OddSizedRgbImage = "features/odd_length/SC_rgb_small_odd.dcm";
    private const string EightBitCt = "features/bitdepth/8bit_CT-MONO2-8-abdo.dcm";
    private const string TwelveBitFrames = "features/multiframe/emri_small.dcm";
    private const string SignedCt = "syntaxes/explicit_le/CT_small.dcm";

    public static TheoryData<string, string[]> Variants() => new()
    {
        { RgbImage, ["+in"] },
        { RgbImage, ["+il"] },
        { RgbImage, ["+is"] },
        { RgbImage, ["+en", "+md", "3", "+in"] },
        { RgbImage, ["+en", "+md", "3", "+il"] },
        { RgbImage, ["+en", "+md", "1", "+is"] },
        { YbrImage, ["+is"] },
        { YbrImage, ["+en", "+md", "2", "+is"] },
        { OddSizedRgbImage, ["+is"] },
        { EightBitCt, ["+en", "+md", "1"] },
        { EightBitCt, ["+en", "+md", "7"] },
        { EightBitCt, ["+t1", "5", "+t2", "9", "+t3", "30", "+rs", "20"] },
        { TwelveBitFrames, [] },
        { TwelveBitFrames, ["+en", "+md", "3"] },
        { SignedCt, ["+t1", "10", "+t2", "40", "+t3", "200", "+rs", "100"] },
    };

    [JpegLsDcmtkTheory]
    [MemberData(nameof(Variants))]
    public void GivenDcmtkEncodedVariant_WhenDecoded_ThenPixelsEqualDcmtkDecode(string source, string[] options)
    {
        var folder = JpegLsDcmtk.TemporaryFolder();
        var encoded = Path.Combine(folder, "jpegls.dcm");
        var reference = Path.Combine(folder, "reference.dcm");
        JpegLsDcmtk.Run("dcmcjpls", [.. options, JpegLsCorpus.PathOf(source), encoded]);
        JpegLsDcmtk.Run("dcmdjpls", [encoded, reference]);

        var decoded = PixelDataDecoder.Decode(DicomReader.ReadFile(encoded));
        var expected = PixelDataDecoder.Decode(DicomReader.ReadFile(reference));

        Assert.Equal(expected.Bytes.Length, decoded.Bytes.Length);
        Assert.Equal(JpegLsCorpus.Sha256(expected.Bytes), JpegLsCorpus.Sha256(decoded.Bytes));
        if (!options.Contains("+en"))
        {
            var original = PixelDataDecoder.Decode(DicomReader.ReadFile(JpegLsCorpus.PathOf(source)));
            Assert.Equal(JpegLsCorpus.Sha256(original.Bytes), JpegLsCorpus.Sha256(decoded.Bytes));
        }

        Directory.Delete(folder, recursive: true);
    }
}
