using HeadCt.Dicom.Reading;
using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Reading;

public class HeaderOnlyReadTests
{
    private static readonly DicomReadOptions HeaderOnly = new() { StopBeforePixelData = true };

    [Theory]
    [InlineData("series/ct_head_ge_hispeed_gantry_tilt/14.dcm", 12)]
    [InlineData("syntaxes/implicit_le/CT1_UNC.implicit_little_endian.dcm", 8)]
    [InlineData("derived/ct_series_ge_head/rle_dcmtk/14.dcm", 12)]
    public void GivenStream_WhenReadHeaderOnly_ThenNoPixelByteIsRead(string path, int pixelHeaderLength)
    {
        var full = CorpusFiles.Read(path);
        var pixelDataOffset = full.Dataset.Find(DicomTags.PixelData)!.Offset;
        using var counting = new CountingReadStream(File.OpenRead(CorpusFiles.PathOf(path)));

        var header = DicomReader.Read(counting, HeaderOnly);

        Assert.False(header.Dataset.Contains(DicomTags.PixelData));
        Assert.True(header.StoppedBeforePixelData);
        Assert.False(full.StoppedBeforePixelData);
        Assert.True(counting.BytesRead <= pixelDataOffset + pixelHeaderLength,
            $"read {counting.BytesRead} bytes, pixel data value starts at {pixelDataOffset + pixelHeaderLength}");
        Assert.Equal(full.Dataset.Count(e => e.Tag.Value < DicomTags.PixelData.Value), header.Dataset.Count);
        var expected = DicomImageHeader.From(full);
        var actual = DicomImageHeader.From(header);
        Assert.Equal((expected.Rows, expected.Columns, expected.SopInstanceUid, expected.RescaleIntercept),
            (actual.Rows, actual.Columns, actual.SopInstanceUid, actual.RescaleIntercept));
        Assert.Equal(expected.ImagePositionPatient, actual.ImagePositionPatient);
    }

    [Fact]
    public void GivenDeflatedStream_WhenReadHeaderOnly_ThenDatasetIsInflatedIncrementally()
    {
        var path = "syntaxes/deflated/image_dfl.dcm";
        using var stream = new CountingReadStream(File.OpenRead(CorpusFiles.PathOf(path)));

        var header = DicomReader.Read(stream, HeaderOnly);

        Assert.False(header.Dataset.Contains(DicomTags.PixelData));
        Assert.Equal(CorpusFiles.Read(path).Dataset.GetInt32(DicomTags.Rows), header.Dataset.GetInt32(DicomTags.Rows));
    }

    [Fact]
    public void GivenFilePath_WhenReadHeaderOnly_ThenHeaderMatchesFullRead()
    {
        const string path = "series/ct_head_ge_hispeed_gantry_tilt/01.dcm";

        var header = DicomReader.ReadFile(CorpusFiles.PathOf(path), HeaderOnly);
        var full = CorpusFiles.Read(path);

        Assert.Equal(full.Dataset.GetString(DicomTags.SopInstanceUid), header.Dataset.GetString(DicomTags.SopInstanceUid));
        Assert.Equal(full.TransferSyntax, header.TransferSyntax);
        Assert.False(header.Dataset.Contains(DicomTags.PixelData));
    }

    [Fact]
    public void GivenInputCutAtAnElementBoundary_WhenReadHeaderOnly_ThenTheFileSaysItDidNotReachPixelData()
    {
        var whole = File.ReadAllBytes(CorpusFiles.PathOf("series/ct_head_ge_hispeed_gantry_tilt/14.dcm"));
        var full = DicomReader.Read(whole);
        var boundary = (int)full.Dataset.Find(DicomTags.Rows)!.Offset;

        var cut = DicomReader.Read(whole.AsMemory(0, boundary), HeaderOnly);

        Assert.False(cut.StoppedBeforePixelData);
        Assert.False(cut.Dataset.Contains(DicomTags.Rows));
    }

    [Theory]
    [InlineData("syntaxes/implicit_le/MR_small_implicit.dcm")]
    [InlineData("syntaxes/explicit_be/MR_small_bigendian.dcm")]
    [InlineData("syntaxes/deflated/image_dfl.dcm")]
    [InlineData("features/no_meta/CT-MONO2-12-lomb-an2_headless.dcm")]
    [InlineData("features/sequences/MR_UnspecifiedLength.dcm")]
    [InlineData("syntaxes/rle/MR_small_RLE.dcm")]
    [InlineData("syntaxes/jpeg_lossless_sv1/CT1_JPLL.dcm")]
    public void GivenAnySyntax_WhenReadHeaderOnlyFromAStream_ThenEveryElementBeforePixelDataMatchesTheFullRead(string path)
    {
        var full = CorpusFiles.Read(path);
        using var stream = new CountingReadStream(File.OpenRead(CorpusFiles.PathOf(path)));

        var header = DicomReader.Read(stream, HeaderOnly);

        var expected = new DicomDataset();
        foreach (var element in full.Dataset.Where(e => e.Tag.Value < DicomTags.PixelData.Value))
            expected.Add(element);
        Assert.Equal(full.TransferSyntax, header.TransferSyntax);
        Assert.Empty(DatasetComparer.Differences(expected, header.Dataset, compareVr: true));
    }
}
