using HeadCt.Dicom.Pixels;
using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Pixels;

public class NativePixelDataTests
{
    [Fact]
    public void GivenSigned12BitWithJunkHighBits_WhenDecoded_ThenValuesAreSignExtendedFromBitsStored()
    {
        var ds = ImageDatasets.Image(1, 4, 16, 12, signed: true);
        ushort[] raw = [0xF800, 0x07FF, 0xA123, 0x5FFF];

        var decoded = PixelDataDecoder.Decode(ImageDatasets.Native(ds, ToBytes(raw)));

        Assert.Equal(new short[] { -2048, 2047, 0x123, -1 }, ToInt16(decoded.Bytes));
    }

    [Fact]
    public void GivenUnsigned12BitWithJunkHighBits_WhenDecoded_ThenBitsAboveHighBitAreCleared()
    {
        var ds = ImageDatasets.Image(1, 3, 16, 12, signed: false);

        var decoded = PixelDataDecoder.Decode(ImageDatasets.Native(ds, ToBytes([0xF800, 0x0FFF, 0xA123])));

        Assert.Equal(new short[] { 0x800, 0xFFF, 0x123 }, ToInt16(decoded.Bytes));
    }

    [Fact]
    public void GivenPlanarConfigurationOne_WhenDecoded_ThenSamplesAreInterleaved()
    {
        var ds = ImageDatasets.Image(1, 2, 8, 8, signed: false, samples: 3, planar: 1);
        byte[] planes = [10, 11, 20, 21, 30, 31]; // R R G G B B

        var decoded = PixelDataDecoder.Decode(ImageDatasets.Native(ds, planes));

        Assert.Equal(new byte[] { 10, 20, 30, 11, 21, 31 }, decoded.Bytes);
    }

    [Fact]
    public void GivenOneBitFramesStartingInsideABytes_WhenDecoded_ThenEachPixelBecomesOneByte()
    {
        var ds = ImageDatasets.Image(3, 3, 1, 1, signed: false, frames: 3);
        var bits = new[] { 1, 0, 0, 0, 0, 0, 0, 0, 1, /* frame 2 */ 1, 1, 0, 0, 0, 0, 0, 0, 0, /* frame 3 */ 0, 0, 0, 0, 0, 0, 0, 0, 1 };
        var packed = new byte[4];
        for (var i = 0; i < bits.Length; i++)
            packed[i / 8] |= (byte)(bits[i] << (i % 8)); // PS3.5 §8.1.1: first pixel in the least significant bit

        var decoded = PixelDataDecoder.Decode(ImageDatasets.Native(ds, packed));

        Assert.Equal(3, decoded.NumberOfFrames);
        Assert.Equal(bits.Select(b => (byte)b).ToArray(), decoded.Bytes);
    }

    [Fact]
    public void GivenSecondFrameRequested_WhenDecodedAlone_ThenItEqualsThatSliceOfTheWholeDecode()
    {
        var ds = ImageDatasets.Image(2, 2, 16, 16, signed: false, frames: 3);
        var file = ImageDatasets.Native(ds, ToBytes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
        var frame = new byte[8];

        PixelDataDecoder.DecodeFrame(file, 1, frame);

        Assert.Equal(PixelDataDecoder.Decode(file).Bytes.AsSpan(8, 8).ToArray(), frame);
    }

    [Fact]
    public void GivenUnsupportedBitsAllocated_WhenDecoded_ThenUnsupportedPixelFormatNamesTheAttribute()
    {
        var ds = ImageDatasets.Image(2, 2, 12, 12, signed: false);

        var error = Assert.Throws<DicomException>(() => PixelDataDecoder.Decode(ImageDatasets.Native(ds, new byte[6])));

        Assert.Equal(DicomErrorKind.UnsupportedPixelFormat, error.Kind);
        Assert.Equal(DicomTags.BitsAllocated, error.Tag);
    }

    [Fact]
    public void GivenMissingRows_WhenDecoded_ThenMissingAttributeNamesRows()
    {
        var ds = ImageDatasets.Image(2, 2, 8, 8, signed: false);
        ds.Remove(DicomTags.Rows);

        var error = Assert.Throws<DicomException>(() => PixelDataDecoder.Decode(ImageDatasets.Native(ds, new byte[4])));

        Assert.Equal(DicomErrorKind.MissingAttribute, error.Kind);
        Assert.Equal(DicomTags.Rows, error.Tag);
    }

    private static byte[] ToBytes(ushort[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    private static short[] ToInt16(byte[] bytes) =>
        Enumerable.Range(0, bytes.Length / 2).Select(i => BitConverter.ToInt16(bytes, i * 2)).ToArray();
}
