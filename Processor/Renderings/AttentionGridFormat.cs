using System.Buffers.Binary;
using HeadCt.Inference.Attention;

namespace HeadCt.Processor.Renderings;

/// <summary>
/// The attention grid as stored beside a result: "HCAG", format version, width, height, depth (int32 little endian),
/// then the values as float32 little endian, [z][y][x].
/// </summary>
public static class AttentionGridFormat
{
    private const int Version = 1;
    private const int HeaderLength = 20;
    private static ReadOnlySpan<byte> Magic => "HCAG"u8;

    public static byte[] Write(AttentionGrid grid)
    {
        var bytes = new byte[HeaderLength + grid.Values.Length * sizeof(float)];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), Version);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), grid.Width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), grid.Height);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), grid.Depth);
        var values = bytes.AsSpan(HeaderLength);
        for (var i = 0; i < grid.Values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(values[(i * sizeof(float))..], grid.Values[i]);
        }

        return bytes;
    }

    /// <summary>The grid, or an <see cref="InvalidDataException"/> saying what is wrong with the bytes.</summary>
    public static AttentionGrid Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderLength || !bytes[..4].SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not an attention grid: the HCAG header is missing.");
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        if (version != Version)
        {
            throw new InvalidDataException($"Attention grid format {version} is not supported (only {Version}).");
        }

        var (width, height, depth) = (BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]), BinaryPrimitives.ReadInt32LittleEndian(bytes[16..]));
        var count = (long)width * height * depth;
        if (width <= 0 || height <= 0 || depth <= 0 || (bytes.Length - HeaderLength) != count * sizeof(float))
        {
            throw new InvalidDataException($"The attention grid {width}×{height}×{depth} does not match its {bytes.Length - HeaderLength} value bytes.");
        }

        var values = new float[count];
        var source = bytes[HeaderLength..];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(i * sizeof(float))..]);
        }

        return new AttentionGrid(values, width, height, depth);
    }
}
