using HeadCt.Dicom.Pixels;
using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Pixels;

/// <summary>
/// Frame location in encapsulated pixel data (PS3.5 §A.4), exercised with Encapsulated Uncompressed (…1.2.1.98)
/// so that each frame's bytes are known exactly; the files go through the writer and the reader first.
/// </summary>
public class EncapsulatedFramingTests
{
    private static readonly byte[] FrameA = [1, 2, 3, 4];
    private static readonly byte[] FrameB = [5, 6, 7, 8];

    private static DicomFile Encapsulated(byte[] basicOffsetTable, byte[][] fragments, int frames, ulong[]? extendedOffsets = null)
    {
        var ds = ImageDatasets.Image(2, 2, 8, 8, signed: false, frames: frames);
        if (extendedOffsets is not null)
        {
            ds.SetBytes(DicomTags.ExtendedOffsetTable, DicomVr.OV, extendedOffsets.SelectMany(BitConverter.GetBytes).ToArray());
            ds.SetBytes(DicomTags.ExtendedOffsetTableLengths, DicomVr.OV, extendedOffsets.SelectMany(_ => BitConverter.GetBytes(4UL)).ToArray());
        }
        ds.Set(DicomElement.Encapsulated(DicomTags.PixelData,
            new DicomFragments(basicOffsetTable, fragments.Select(f => (ReadOnlyMemory<byte>)f).ToList())));
        var file = new DicomFile(new DicomDataset(), ds, TransferSyntax.EncapsulatedUncompressed);
        return DicomReader.Read(DicomWriter.ToBytes(file, TransferSyntax.EncapsulatedUncompressed));
    }

    [Fact]
    public void GivenEmptyOffsetTableAndOneFragmentPerFrame_WhenDecoded_ThenFramesFollowFragments()
    {
        var decoded = PixelDataDecoder.Decode(Encapsulated([], [FrameA, FrameB], frames: 2));

        Assert.Equal(FrameA.Concat(FrameB), decoded.Bytes);
    }

    [Fact]
    public void GivenBasicOffsetTableAndAFrameSplitOverTwoFragments_WhenDecoded_ThenFragmentsAreJoined()
    {
        // Frame A in fragments of 2 bytes each (items of 8 + 2 bytes), frame B at offset 20.
        var offsets = new byte[] { 0, 0, 0, 0, 20, 0, 0, 0 };

        var decoded = PixelDataDecoder.Decode(Encapsulated(offsets, [[1, 2], [3, 4], FrameB], frames: 2));

        Assert.Equal(FrameA.Concat(FrameB), decoded.Bytes);
    }

    [Fact]
    public void GivenExtendedOffsetTable_WhenDecoded_ThenItIsPreferredOverFragmentCount()
    {
        var decoded = PixelDataDecoder.Decode(Encapsulated([], [FrameA, FrameB], frames: 2, extendedOffsets: [0, 12]));

        Assert.Equal(FrameA.Concat(FrameB), decoded.Bytes);
    }

    [Fact]
    public void GivenOffsetTablePointingBetweenFragments_WhenDecoded_ThenCorruptPixelData()
    {
        var offsets = new byte[] { 0, 0, 0, 0, 7, 0, 0, 0 };

        var error = Assert.Throws<DicomException>(() => PixelDataDecoder.Decode(Encapsulated(offsets, [FrameA, FrameB], frames: 2)));

        Assert.Equal(DicomErrorKind.CorruptPixelData, error.Kind);
        Assert.Equal(DicomTags.PixelData, error.Tag);
    }

    [Fact]
    public void GivenMoreFragmentsThanFramesAndNoMarkers_WhenDecoded_ThenCorruptPixelDataExplainsWhy()
    {
        var error = Assert.Throws<DicomException>(() => PixelDataDecoder.Decode(Encapsulated([], [[1, 2], [3, 4], FrameB], frames: 2)));

        Assert.Equal(DicomErrorKind.CorruptPixelData, error.Kind);
    }

    [Fact]
    public void GivenSyntaxWithoutDecoder_WhenDecoded_ThenUnsupportedTransferSyntaxNamesUidAndName()
    {
        var ds = ImageDatasets.Image(2, 2, 8, 8, signed: false);
        ds.Set(DicomElement.Encapsulated(DicomTags.PixelData, new DicomFragments(ReadOnlyMemory<byte>.Empty, [FrameA])));
        var file = new DicomFile(new DicomDataset(), ds, TransferSyntax.HtJpeg2000Lossless);

        var error = Assert.Throws<DicomException>(() => PixelDataDecoder.Decode(file));

        Assert.Equal(DicomErrorKind.UnsupportedTransferSyntax, error.Kind);
        Assert.Contains(TransferSyntax.HtJpeg2000Lossless.Uid, error.Reason);
        Assert.Contains(TransferSyntax.HtJpeg2000Lossless.Name, error.Reason);
    }
}
