using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>Every RLE Lossless file of the corpus with a reference must decode bit-exactly (PS3.5 Annex G).</summary>
public class RleCorpusTests
{
    public static TheoryData<string> RleFiles => RleJpegCorpusSupport.FilesWithExpectedPixels("1.2.840.10008.1.2.5");

    [Theory]
    [MemberData(nameof(RleFiles))]
    public void GivenRleCorpusFile_WhenDecoded_ThenPixelsEqualTheReference(string path)
    {
        var expected = Manifest.Row(path)["expected_pixel_sha256"];

        var actual = RleJpegCorpusSupport.DecodedPixelSha256(path);

        Assert.Equal(expected, actual);
    }
}
