using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace HeadCt.Gateway.Features.Upload.Zip;

/// <summary>
/// Where the central directory is and how many entries it claims: the end of central directory record (APPNOTE
/// 4.3.16, searched backwards over at most its 65,535-byte comment) and, when its fields are saturated, the ZIP64 end
/// record found through its locator (4.3.14, 4.3.15). Only these few bytes are read, whatever the directory's size.
/// </summary>
internal sealed record ZipEndRecord(long EntryCount, long DirectoryOffset, long DirectorySize)
{
    private const uint EndSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const int EndLength = 22;
    private const int Zip64LocatorLength = 20;
    private const int Zip64EndLength = 56;
    private const int MaxCommentLength = ushort.MaxValue;

    public static ZipEndRecord Read(SafeFileHandle file, long fileLength)
    {
        var tailLength = (int)Math.Min(fileLength, EndLength + MaxCommentLength);
        var tail = new byte[tailLength];
        RandomAccess.Read(file, tail, fileLength - tailLength);
        var at = FindEnd(tail);
        if (at < 0)
        {
            throw new ZipFormatException("No end of central directory record: not a zip archive, or cut off.");
        }

        var end = tail.AsSpan(at);
        var disk = BinaryPrimitives.ReadUInt16LittleEndian(end[4..]);
        var directoryDisk = BinaryPrimitives.ReadUInt16LittleEndian(end[6..]);
        long entries = BinaryPrimitives.ReadUInt16LittleEndian(end[10..]);
        long size = BinaryPrimitives.ReadUInt32LittleEndian(end[12..]);
        long offset = BinaryPrimitives.ReadUInt32LittleEndian(end[16..]);
        var endOffset = fileLength - tailLength + at;
        if (entries == ushort.MaxValue || size == uint.MaxValue || offset == uint.MaxValue)
        {
            (entries, offset, size) = ReadZip64(file, endOffset);
        }
        else if (disk != 0 || directoryDisk != 0)
        {
            throw new ZipFormatException("Multi-volume (split) zip archives are not supported.");
        }

        if (offset < 0 || size < 0 || offset > endOffset || size > endOffset - offset)
        {
            throw new ZipFormatException("The central directory lies outside the archive.");
        }

        return new ZipEndRecord(entries, offset, size);
    }

    /// <summary>The last "PK\x05\x06" whose comment length reaches exactly to the end of the file.</summary>
    private static int FindEnd(ReadOnlySpan<byte> tail)
    {
        for (var at = tail.Length - EndLength; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail[at..]) == EndSignature &&
                at + EndLength + BinaryPrimitives.ReadUInt16LittleEndian(tail[(at + 20)..]) == tail.Length)
            {
                return at;
            }
        }

        return -1;
    }

    private static (long Entries, long Offset, long Size) ReadZip64(SafeFileHandle file, long endOffset)
    {
        if (endOffset < Zip64LocatorLength)
        {
            throw new ZipFormatException("The end record points to a ZIP64 end record that is missing.");
        }

        Span<byte> locator = stackalloc byte[Zip64LocatorLength];
        RandomAccess.Read(file, locator, endOffset - Zip64LocatorLength);
        if (BinaryPrimitives.ReadUInt32LittleEndian(locator) != Zip64LocatorSignature)
        {
            throw new ZipFormatException("The end record points to a ZIP64 end record that is missing.");
        }

        var zip64Offset = BinaryPrimitives.ReadInt64LittleEndian(locator[8..]);
        if (zip64Offset < 0 || zip64Offset > endOffset - Zip64LocatorLength - Zip64EndLength)
        {
            throw new ZipFormatException("The ZIP64 end record lies outside the archive.");
        }

        Span<byte> record = stackalloc byte[Zip64EndLength];
        RandomAccess.Read(file, record, zip64Offset);
        if (BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndSignature)
        {
            throw new ZipFormatException("The ZIP64 end record is corrupt.");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(record[16..]) != 0 || BinaryPrimitives.ReadUInt32LittleEndian(record[20..]) != 0)
        {
            throw new ZipFormatException("Multi-volume (split) zip archives are not supported.");
        }

        return (BinaryPrimitives.ReadInt64LittleEndian(record[32..]), BinaryPrimitives.ReadInt64LittleEndian(record[48..]),
            BinaryPrimitives.ReadInt64LittleEndian(record[40..]));
    }
}
