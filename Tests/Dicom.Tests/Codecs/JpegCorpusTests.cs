using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>
/// Every JPEG file of the corpus with a reference must decode to exactly the reference pixels: lossless files
/// (ITU T.81 Annex H) by definition, lossy baseline/extended files because the decoder reproduces libjpeg's
/// default decode (islow IDCT, fancy upsampling), which made their references (GDCM, checked by DCMTK).
/// </summary>
public class JpegCorpusTests
{
    public static TheoryData<string> LosslessFiles =>
        RleJpegCorpusSupport.FilesWithExpectedPixels("1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70");

    public static TheoryData<string> LossyFiles =>
        RleJpegCorpusSupport.FilesWithExpectedPixels("1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51");

    [Theory]
    [MemberData(nameof(LosslessFiles))]
    public void GivenLosslessJpegCorpusFile_WhenDecoded_ThenPixelsEqualTheReference(string path)
    {
        var expected = Manifest.Row(path)["expected_pixel_sha256"];

        var actual = RleJpegCorpusSupport.DecodedPixelSha256(path);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(LossyFiles))]
    public void GivenLossyJpegCorpusFile_WhenDecoded_ThenPixelsEqualTheLibjpegReference(string path)
    {
        var expected = Manifest.Row(path)["expected_pixel_sha256"];

        var actual = RleJpegCorpusSupport.DecodedPixelSha256(path);

        Assert.Equal(expected, actual);
    }
}
