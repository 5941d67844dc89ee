using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace HeadCt.Platform.Tests.Support;

/// <summary>
/// Writes zip archives byte by byte (APPNOTE 4.3), so a test can make them lie: a flipped data byte under the right
/// CRC, a declared size shorter than the data, a central directory whose count or records are not what the end
/// record says. Local headers carry the same sizes and CRC as the central directory unless told otherwise.
/// </summary>
public sealed class ZipBuilder
{
    private readonly MemoryStream _data = new();
    private readonly List<Entry> _entries = [];

    /// <param name="declaredSize">The uncompressed size written in both headers, when it is to be wrong.</param>
    /// <param name="corrupt">Flip one byte of the stored data after the CRC was computed.</param>
    public ZipBuilder Add(string name, byte[] content, bool deflate = false, long? declaredSize = null, bool corrupt = false)
    {
        var data = deflate ? Deflate(content) : (byte[])content.Clone();
        if (corrupt)
        {
            data[data.Length / 2] ^= 0x5A;
        }

        var entry = new Entry(Encoding.UTF8.GetBytes(name), deflate ? (ushort)8 : (ushort)0, Crc32.HashToUInt32(content),
            data.Length, declaredSize ?? content.Length, _data.Position);
        WriteLocalHeader(entry);
        _data.Write(data);
        _entries.Add(entry);
        return this;
    }

    /// <summary>
    /// The archive. <paramref name="repeatDirectory"/> lists every entry that many times (records pointing at the same
    /// data); <paramref name="declaredEntries"/> is the count the end records claim (ZIP64 end record when it exceeds 65,534).
    /// </summary>
    public byte[] Build(int repeatDirectory = 1, long? declaredEntries = null)
    {
        using var zip = new MemoryStream();
        _data.Position = 0;
        _data.CopyTo(zip);
        var directoryOffset = zip.Position;
        for (var copy = 0; copy < repeatDirectory; copy++)
        {
            foreach (var entry in _entries)
            {
                WriteCentralHeader(zip, entry);
            }
        }

        var directorySize = zip.Position - directoryOffset;
        var count = declaredEntries ?? (long)_entries.Count * repeatDirectory;
        if (count > 0xFFFE)
        {
            var zip64End = zip.Position;
            Span<byte> record = stackalloc byte[56];
            BinaryPrimitives.WriteUInt32LittleEndian(record, 0x06064b50);
            BinaryPrimitives.WriteInt64LittleEndian(record[4..], 44);
            BinaryPrimitives.WriteUInt16LittleEndian(record[12..], 45);
            BinaryPrimitives.WriteUInt16LittleEndian(record[14..], 45);
            BinaryPrimitives.WriteInt64LittleEndian(record[24..], count);
            BinaryPrimitives.WriteInt64LittleEndian(record[32..], count);
            BinaryPrimitives.WriteInt64LittleEndian(record[40..], directorySize);
            BinaryPrimitives.WriteInt64LittleEndian(record[48..], directoryOffset);
            zip.Write(record);
            Span<byte> locator = stackalloc byte[20];
            BinaryPrimitives.WriteUInt32LittleEndian(locator, 0x07064b50);
            BinaryPrimitives.WriteInt64LittleEndian(locator[8..], zip64End);
            BinaryPrimitives.WriteUInt32LittleEndian(locator[16..], 1);
            zip.Write(locator);
        }

        Span<byte> end = stackalloc byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        var shortCount = (ushort)Math.Min(count, 0xFFFF);
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], shortCount);
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], shortCount);
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], (uint)directorySize);
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], (uint)directoryOffset);
        zip.Write(end);
        return zip.ToArray();
    }

    private void WriteLocalHeader(Entry entry)
    {
        Span<byte> header = stackalloc byte[30];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0x04034b50);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 20);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 0x0800);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], entry.Method);
        BinaryPrimitives.WriteUInt32LittleEndian(header[14..], entry.Crc);
        BinaryPrimitives.WriteUInt32LittleEndian(header[18..], (uint)entry.CompressedSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header[22..], (uint)entry.DeclaredSize);
        BinaryPrimitives.WriteUInt16LittleEndian(header[26..], (ushort)entry.Name.Length);
        _data.Write(header);
        _data.Write(entry.Name);
    }

    private static void WriteCentralHeader(Stream zip, Entry entry)
    {
        Span<byte> header = stackalloc byte[46];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0x02014b50);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 20);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 20);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], 0x0800);
        BinaryPrimitives.WriteUInt16LittleEndian(header[10..], entry.Method);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], entry.Crc);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)entry.CompressedSize);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], (uint)entry.DeclaredSize);
        BinaryPrimitives.WriteUInt16LittleEndian(header[28..], (ushort)entry.Name.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[42..], (uint)entry.Offset);
        zip.Write(header);
        zip.Write(entry.Name);
    }

    private static byte[] Deflate(byte[] content)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(content);
        }

        return output.ToArray();
    }

    private sealed record Entry(byte[] Name, ushort Method, uint Crc, long CompressedSize, long DeclaredSize, long Offset);
}
