using HeadCt.Dicom.Codecs;
using HeadCt.Dicom.Pixels;
using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>
/// Real corpus images re-encoded by DCMTK with the JPEG options the corpus lacks (lossless predictors 2–7, point
/// transforms, colour subsampling, progressive) and decoded by DCMTK as the independent reference.
/// </summary>
public class JpegDcmtkVariantTests
{
    private const string CtSlice = "derived/ct_slice_toshiba_head/explicit_le.dcm";
    private const string RgbImage = "features/photometric/RGB_SC_rgb.dcm";
    private const string OddSizedRgbImage = "features/odd_length/SC_rgb_small_odd.dcm";
    private const string TwelveBitFrames = "features/multiframe/emri_small.dcm";
    private const string EightBitFrames = "features/sequences/MR_UnspecifiedLength.dcm";

    public static TheoryData<string, int, int> LosslessCases()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var source in new[] { CtSlice, RgbImage, TwelveBitFrames, EightBitFrames })
        {
            for (var predictor = 1; predictor <= 7; predictor++)
                data.Add(source, predictor, 0);
        }

        data.Add(CtSlice, 7, 3);
        data.Add(CtSlice, 4, 15);
        data.Add(RgbImage, 5, 2);
        data.Add(TwelveBitFrames, 6, 4);
        return data;
    }

    [JpegDcmtkTheory]
    [MemberData(nameof(LosslessCases))]
    public void GivenLosslessEncodingWithPredictorAndPointTransform_WhenDecoded_ThenPixelsEqualDcmtkDecode(string source, int predictor, int pointTransform)
    {
        var folder = JpegDcmtk.TemporaryFolder();
        var encoded = Path.Combine(folder, "lossless.dcm");
        var reference = Path.Combine(folder, "reference.dcm");
        JpegDcmtk.Run("dcmcjpeg", "+el", "+sv", predictor.ToString(), "+pt", pointTransform.ToString(), CorpusFiles.PathOf(source), encoded);
        JpegDcmtk.Run("dcmdjpeg", encoded, reference);

        var decoded = PixelDataDecoder.Decode(DicomReader.ReadFile(encoded));
        var expected = PixelDataDecoder.Decode(DicomReader.ReadFile(reference));

        Assert.Equal(RleJpegCorpusSupport.Sha256(expected.Bytes), RleJpegCorpusSupport.Sha256(decoded.Bytes));
        if (pointTransform == 0)
            Assert.Equal(RleJpegCorpusSupport.Sha256(PixelDataDecoder.Decode(CorpusFiles.Read(source)).Bytes), RleJpegCorpusSupport.Sha256(decoded.Bytes));
        Directory.Delete(folder, recursive: true);
    }

    public static TheoryData<string, string[]> LossyCases() => new()
    {
        { RgbImage, ["+eb", "+s2"] },     // YBR_FULL_422, h2v1: fancy upsampling
        { RgbImage, ["+eb", "+n1"] },     // 4:1:1, h4v1: replication
        { RgbImage, ["+eb", "+n2"] },     // 4:2:2 labelled YBR_FULL
        { RgbImage, ["+eb", "+s4"] },     // 4:4:4
        { OddSizedRgbImage, ["+eb", "+s2"] },
        { TwelveBitFrames, ["+ee"] },
        { EightBitFrames, ["+eb"] },
    };

    [JpegDcmtkTheory]
    [MemberData(nameof(LossyCases))]
    public void GivenLossyEncodingWithSubsampling_WhenDecoded_ThenPixelsEqualDcmtkDecodeWithoutColourConversion(string source, string[] options)
    {
        var folder = JpegDcmtk.TemporaryFolder();
        var encoded = Path.Combine(folder, "lossy.dcm");
        var reference = Path.Combine(folder, "reference.dcm");
        JpegDcmtk.Run("dcmcjpeg", [.. options, CorpusFiles.PathOf(source), encoded]);
        JpegDcmtk.Run("dcmdjpeg", "+cn", encoded, reference);

        var decoded = PixelDataDecoder.Decode(DicomReader.ReadFile(encoded));
        var expected = PixelDataDecoder.Decode(DicomReader.ReadFile(reference));

        Assert.Equal(expected.Bytes.Length, decoded.Bytes.Length);
        Assert.Equal(RleJpegCorpusSupport.Sha256(expected.Bytes), RleJpegCorpusSupport.Sha256(decoded.Bytes));
        Directory.Delete(folder, recursive: true);
    }

    [JpegDcmtkTheory]
    [InlineData("+ep")]
    [InlineData("+es")]
    public void GivenProgressiveStream_WhenDecodedAsBaseline_ThenUnsupportedPixelFormatIsReported(string option)
    {
        // DCMTK labels progressive files with the retired .55 syntax, so the stream is handed to the codec directly.
        var folder = JpegDcmtk.TemporaryFolder();
        var encoded = Path.Combine(folder, "progressive.dcm");
        JpegDcmtk.Run("dcmcjpeg", option, CorpusFiles.PathOf(RgbImage), encoded);
        var (frame, info) = RleJpegCorpusSupport.FirstFrame(encoded);
        var destination = new byte[info.DecodedFrameLength];

        var error = Assert.Throws<DicomException>(() => new JpegDecoder().Decode(frame, info, destination));

        Assert.Equal(DicomErrorKind.UnsupportedPixelFormat, error.Kind);
        Assert.Contains("progressive", error.Message);
        Directory.Delete(folder, recursive: true);
    }
}
