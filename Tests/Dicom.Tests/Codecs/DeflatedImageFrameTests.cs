using System.IO.Compression;
using System.Security.Cryptography;
using HeadCt.Dicom.Pixels;
using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>Deflated Image Frame Compression (PS3.5 §8.2.16, §A.4.13; 1.2.840.10008.1.2.8.1).</summary>
public sealed class DeflatedImageFrameTests
{
    [Fact]
    public void GivenTheDeflatedLiverSegmentation_WhenDecoded_ThenItsPixelsAreThoseOfTheUncompressedCopyPydicomHashed()
    {
        // pydicom-data ships the same 3-frame 1-bit SEG twice; the manifest's hash of the Explicit VR LE copy is pydicom's.
        var reference = Manifest.Row("features/bitdepth/1bit_liver_seg.dcm")["expected_pixel_sha256"];

        var decoded = PixelDataDecoder.Decode(CorpusFiles.Read("syntaxes/deflated_image_frame/liver_deflate.dcm"));

        Assert.Equal(3, decoded.NumberOfFrames);
        Assert.Equal(reference, Convert.ToHexStringLower(SHA256.HashData(decoded.Bytes)));
    }

    [Fact]
    public void GivenSixteenBitFramesDeflatedOneByOne_WhenDecoded_ThenEachFrameIsItsNativeSamples()
    {
        var frames = Enumerable.Range(0, 2).Select(f => Enumerable.Range(0, 5 * 3).Select(i => (short)(i * 37 - 200 + f)).ToArray()).ToArray();
        var file = ImageWith(frames.Select(frame => Deflate(System.Runtime.InteropServices.MemoryMarshal.AsBytes(frame.AsSpan()).ToArray())).ToArray(),
            rows: 3, columns: 5, bitsAllocated: 16, signed: true);

        var decoded = PixelDataDecoder.Decode(file);

        Assert.Equal(frames.SelectMany(f => f).ToArray(), System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(decoded.Bytes).ToArray());
    }

    [Theory]
    [InlineData(-1)] // one byte short of the frame
    [InlineData(1)] // one byte more than the frame
    public void GivenAFrameThatInflatesToTheWrongLength_WhenDecoded_ThenCorruptPixelData(int extra)
    {
        var native = new byte[3 * 5 * 2 + extra];
        var file = ImageWith([Deflate(native)], rows: 3, columns: 5, bitsAllocated: 16, signed: false);

        var error = Assert.Throws<DicomException>(() => PixelDataDecoder.Decode(file));

        Assert.Equal(DicomErrorKind.CorruptPixelData, error.Kind);
    }

    [Fact]
    public void GivenAFrameThatIsNotDeflate_WhenDecoded_ThenCorruptPixelData()
    {
        var file = ImageWith([[0xFF, 0xFF, 0xFF, 0xFF]], rows: 3, columns: 5, bitsAllocated: 16, signed: false);

        Assert.Equal(DicomErrorKind.CorruptPixelData, Assert.Throws<DicomException>(() => PixelDataDecoder.Decode(file)).Kind);
    }

    private static byte[] Deflate(byte[] native)
    {
        using var output = new MemoryStream();
        using (var deflater = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
            deflater.Write(native);
        if (output.Length % 2 == 1)
            output.WriteByte(0); // PS3.5 §A.4.13: one trailing NUL when odd
        return output.ToArray();
    }

    private static DicomFile ImageWith(byte[][] frames, int rows, int columns, int bitsAllocated, bool signed)
    {
        var dataset = ImageDatasets.Image(rows, columns, bitsAllocated, bitsAllocated, signed, frames: frames.Length);
        dataset.Set(DicomElement.Encapsulated(DicomTags.PixelData, new DicomFragments(ReadOnlyMemory<byte>.Empty, frames.Select(f => (ReadOnlyMemory<byte>)f).ToArray())));
        return new DicomFile(new DicomDataset(), dataset, TransferSyntax.DeflatedImageFrameCompression);
    }
}
