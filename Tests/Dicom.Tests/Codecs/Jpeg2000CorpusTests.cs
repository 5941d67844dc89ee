using HeadCt.Dicom.Pixels;
using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>Every lossless JPEG 2000 file of the corpus with an oracle decodes bit for bit to the manifest's pixels.</summary>
public class Jpeg2000CorpusTests
{
    public static TheoryData<string> LosslessFiles()
    {
        var data = new TheoryData<string>();
        foreach (var row in Jpeg2000Corpus.WithOracle(Jpeg2000Corpus.Lossless))
            data.Add(row["path"]);
        return data;
    }

    [Fact]
    public void GivenTheCorpus_WhenListingLosslessJpeg2000Files_ThenTheGeSeriesAndTheOtherFamiliesAreThere()
    {
        var paths = Jpeg2000Corpus.WithOracle(Jpeg2000Corpus.Lossless).Select(row => row["path"]).ToList();

        Assert.Equal(28, paths.Count(path => path.StartsWith("derived/ct_series_ge_head/j2k_lossless_gdcm/", StringComparison.Ordinal)));
        Assert.Contains("derived/ct_slice_toshiba_head/j2k_lossless_gdcm.dcm", paths);
        Assert.Contains("features/multiframe/emri_small_jpeg_2k_lossless.dcm", paths);
        Assert.Contains(paths, path => path.StartsWith("syntaxes/j2k_lossless/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(LosslessFiles))]
    public void GivenLosslessJpeg2000File_WhenDecoded_ThenPixelsMatchTheOracleBitForBit(string path)
    {
        var row = Manifest.Row(path);

        var pixels = PixelDataDecoder.Decode(CorpusFiles.Read(path));

        Assert.Equal(Jpeg2000Corpus.Oracle(row), Jpeg2000Corpus.Sha256(pixels.Bytes));
    }
}
