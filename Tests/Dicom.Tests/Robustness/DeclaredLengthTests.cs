using HeadCt.Dicom.Reading;
using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Robustness;

public class DeclaredLengthTests
{
    private static readonly byte[] Uid = "1.2.3\0"u8.ToArray();

    [Theory]
    [InlineData(0xFFFFFFF0u)]
    [InlineData(0x7FFFFFFFu)]
    [InlineData(100u)]
    public void GivenValueLengthBeyondInput_WhenRead_ThenTruncatedNamesTagAndOffset(uint declared)
    {
        var bytes = new DatasetBytes().Short(0x0008, 0x0016, "UI", Uid).Long(0x0009, 0x1010, "OB", declared, new byte[8]).ToArray();

        var error = Assert.Throws<DicomException>(() => DicomReader.Read(bytes));

        Assert.Equal(DicomErrorKind.Truncated, error.Kind);
        Assert.Equal(new DicomTag(0x0009, 0x1010), error.Tag);
        Assert.Equal(14, error.Offset);
    }

    [Fact]
    public void GivenAbsurdLengthOnAStream_WhenReadHeaderOnly_ThenNothingNearTheDeclaredSizeIsAllocated()
    {
        var bytes = new DatasetBytes().Short(0x0008, 0x0016, "UI", Uid).Long(0x0009, 0x1010, "OB", 0x7FFFFFF0, new byte[64]).ToArray();
        var options = new DicomReadOptions { StopBeforePixelData = true };

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<DicomException>(() => DicomReader.Read(new CountingReadStream(new MemoryStream(bytes)), options));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(DicomErrorKind.Truncated, error.Kind);
        Assert.True(allocated < 4 << 20, $"allocated {allocated} bytes for a {bytes.Length}-byte input");
    }

    [Fact]
    public void GivenItemLongerThanItsSequence_WhenRead_ThenInvalidValueLength()
    {
        var item = new DatasetBytes().Short(0x0008, 0x0100, "SH", "T1"u8.ToArray()).ToArray();
        var bytes = new DatasetBytes()
            .Long(0x0008, 0x1140, "SQ", (uint)(8 + item.Length)).Item((uint)item.Length + 40).Raw(item)
            .Short(0x0010, 0x0010, "PN", "A^B "u8.ToArray()).ToArray();

        var error = Assert.Throws<DicomException>(() => DicomReader.Read(bytes));

        Assert.Equal(DicomErrorKind.InvalidValueLength, error.Kind);
        Assert.Equal(new DicomTag(0x0008, 0x1140), error.Tag);
    }

    [Fact]
    public void GivenEncapsulatedFragmentBeyondInput_WhenRead_ThenTruncated()
    {
        var bytes = new DatasetBytes()
            .Short(0x0028, 0x0010, "US", [4, 0])
            .Long(0x7FE0, 0x0010, "OB", 0xFFFFFFFF).Item(0).Item(1_000_000).Raw(new byte[10]).ToArray();

        var error = Assert.Throws<DicomException>(() => DicomReader.Read(bytes));

        Assert.Equal(DicomErrorKind.Truncated, error.Kind);
        Assert.Equal(DicomTags.PixelData, error.Tag);
    }

    [Fact]
    public void GivenNativePixelDataShorterThanRowsByColumns_WhenDecoded_ThenCorruptPixelDataNamesTheTag()
    {
        var bytes = new DatasetBytes()
            .Short(0x0028, 0x0002, "US", [1, 0]).Short(0x0028, 0x0010, "US", [200, 0]).Short(0x0028, 0x0011, "US", [200, 0])
            .Short(0x0028, 0x0100, "US", [16, 0]).Short(0x0028, 0x0101, "US", [16, 0]).Short(0x0028, 0x0103, "US", [0, 0])
            .Long(0x7FE0, 0x0010, "OW", 100, new byte[100]).ToArray();
        var file = DicomReader.Read(bytes);

        var error = Assert.Throws<DicomException>(() => HeadCt.Dicom.Pixels.PixelDataDecoder.Decode(file));

        Assert.Equal(DicomErrorKind.CorruptPixelData, error.Kind);
        Assert.Equal(DicomTags.PixelData, error.Tag);
    }

    [Fact]
    public void GivenTinyFragmentClaimingAHugeFrame_WhenDecoded_ThenRefusedBeforeAllocating()
    {
        var ds = ImageDatasets.Image(8192, 8192, 16, 16, signed: false);
        ds.Set(DicomElement.Encapsulated(DicomTags.PixelData, new DicomFragments(ReadOnlyMemory<byte>.Empty, [new byte[10]])));
        var file = new DicomFile(new DicomDataset(), ds, TransferSyntax.RleLossless);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<DicomException>(() => HeadCt.Dicom.Pixels.PixelDataDecoder.Decode(file));

        Assert.Equal(DicomErrorKind.CorruptPixelData, error.Kind);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }
}
