using System.Buffers.Binary;
using System.IO.Compression;
using HeadCt.Dicom.Reading;
using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Robustness;

/// <summary>Deflated data sets (PS3.5 §A.5) are inflated only as far as read, and never far beyond what real data needs.</summary>
public class DeflateBombTests
{
    private static byte[] DeflatedFile(uint declaredLength, int zeroBytes)
    {
        var meta = new DatasetBytes().Short(0x0002, 0x0010, "UI", "1.2.840.10008.1.2.1.99\0"u8.ToArray()).ToArray();
        var groupLength = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(groupLength, (uint)meta.Length);
        using var output = new MemoryStream();
        output.Write(new byte[128]);
        output.Write("DICM"u8);
        output.Write(new DatasetBytes().Short(0x0002, 0x0000, "UL", groupLength).ToArray());
        output.Write(meta);
        using (var deflate = new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(new DatasetBytes().Short(0x0008, 0x0016, "UI", "1.2.3\0"u8.ToArray()).Long(0x0029, 0x1010, "OB", declaredLength).ToArray());
            var zeros = new byte[1 << 20];
            for (var written = 0; written < zeroBytes; written += zeros.Length)
                deflate.Write(zeros);
        }
        return output.ToArray();
    }

    [Fact]
    public void GivenDeflatedElementDeclaringMoreThanAnyArray_WhenRead_ThenItFailsWithoutInflatingTheRest()
    {
        var file = DeflatedFile(0xFFFFFFF0, 8 << 20);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<DicomException>(() => DicomReader.Read(file));

        Assert.Equal(DicomErrorKind.Truncated, error.Kind);
        Assert.Equal(new DicomTag(0x0029, 0x1010), error.Tag);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 2 << 20);
    }

    [Fact]
    public void GivenDeflatedDataSetExpandingOverAThousandfold_WhenRead_ThenRefusedAsADecompressionBomb()
    {
        var file = DeflatedFile(0x70000000, 96 << 20);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<DicomException>(() => DicomReader.Read(file));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(DicomErrorKind.InvalidValueLength, error.Kind);
        Assert.Contains("decompression bomb", error.Reason);
        Assert.True(allocated < 160L << 20, $"allocated {allocated >> 20} MiB for a {file.Length >> 10} KiB file");
    }

    [Fact]
    public void GivenDeflatedFileOnAStream_WhenReadHeaderOnly_ThenTheBombIsNotInflated()
    {
        var file = DeflatedFile(0x70000000, 96 << 20);

        var error = Assert.Throws<DicomException>(() =>
            DicomReader.Read(new CountingReadStream(new MemoryStream(file)), new DicomReadOptions { StopBeforePixelData = true }));

        Assert.Equal(DicomErrorKind.InvalidValueLength, error.Kind);
    }
}
