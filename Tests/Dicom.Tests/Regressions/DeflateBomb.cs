using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace HeadCt.Dicom.Tests.Regressions;

/// <summary>
/// Builds a Deflated Explicit VR Little Endian file (PS3.5 §A.5) whose data set inflates to one OB element declaring
/// 4 GB followed by 64 MiB × chunks of zeros, without compressing that much: byte-aligned runs of deflate blocks
/// are concatenated, then a final block. Any reader that bounds what it inflates rejects it in milliseconds.
/// </summary>
internal static class DeflateBomb
{
    private const int ChunkBytes = 64 << 20;

    public static byte[] Build(int chunks)
    {
        var output = new MemoryStream();
        output.Write(new byte[128]);
        output.Write("DICM"u8);
        var meta = ExplicitElement(0x0002, 0x0010, "UI", Encoding.ASCII.GetBytes("1.2.840.10008.1.2.1.99\0"));
        var groupLength = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(groupLength, (uint)meta.Length);
        output.Write(ExplicitElement(0x0002, 0x0000, "UL", groupLength));
        output.Write(meta);

        output.Write(Compressed(HugeOtherByteElementHeader));
        var run = Compressed(new byte[ChunkBytes]);
        for (var i = 0; i < chunks; i++)
            output.Write(run);
        output.Write([0x03, 0x00]); // final block, fixed Huffman codes, end-of-block only (RFC 1951 §3.2.6)
        return output.ToArray();
    }

    // (0029,1010) OB, value length 0xFFFFFFF0: a private element longer than any input (PS3.5 §7.1.2).
    private static readonly byte[] HugeOtherByteElementHeader = [0x29, 0x00, 0x10, 0x10, (byte)'O', (byte)'B', 0, 0, 0xF0, 0xFF, 0xFF, 0xFF];

    /// <summary>
    /// Non-final deflate blocks ending on a byte boundary (Flush is a sync flush); back-references stay inside
    /// the run, so runs from separate compressors can be concatenated.
    /// </summary>
    private static byte[] Compressed(byte[] data)
    {
        var compressed = new MemoryStream();
        using var deflate = new DeflateStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true);
        deflate.Write(data);
        deflate.Flush();
        return compressed.ToArray();
    }

    private static byte[] ExplicitElement(ushort group, ushort element, string vr, byte[] value)
    {
        var bytes = new byte[8 + value.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, group);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), element);
        Encoding.ASCII.GetBytes(vr, bytes.AsSpan(4));
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), (ushort)value.Length);
        value.CopyTo(bytes, 8);
        return bytes;
    }
}
