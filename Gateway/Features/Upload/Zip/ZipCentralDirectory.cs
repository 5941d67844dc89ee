using System.Buffers.Binary;
using System.Text;
using HeadCt.Gateway.Features.Ingest;
using Microsoft.Win32.SafeHandles;

namespace HeadCt.Gateway.Features.Upload.Zip;

/// <summary>
/// The central directory (APPNOTE 4.3.12) read as a stream, one file header at a time, with the entry cap enforced
/// while reading: a directory listing two million entries costs one record of memory and stops at entry cap + 1.
/// The count the end record claims is checked first, and then every record is counted, since that count may lie.
/// </summary>
internal static class ZipCentralDirectory
{
    private const uint FileHeaderSignature = 0x02014b50;
    private const int FileHeaderLength = 46;
    private const ushort Zip64ExtraId = 0x0001;
    private const ushort Utf8NamesFlag = 0x0800;

    /// <summary>The directory of a spooled archive, read through a 64 KiB buffer.</summary>
    public static IAsyncEnumerable<ZipEntryRecord> ReadAsync(
        SafeFileHandle file, ZipEndRecord end, int maxEntries, string archiveName, CancellationToken cancellationToken) =>
        ReadAsync(new BufferedStream(new FileRegionStream(file, end.DirectoryOffset, end.DirectorySize), 64 << 10),
            end.EntryCount, maxEntries, archiveName, cancellationToken);

    /// <param name="directory">The directory's bytes, read forward once; disposed at the end.</param>
    /// <param name="declaredEntries">What the end record claims; more than <paramref name="maxEntries"/> is refused unread.</param>
    public static async IAsyncEnumerable<ZipEntryRecord> ReadAsync(
        Stream directory, long declaredEntries, int maxEntries, string archiveName,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var owned = directory;
        if (declaredEntries > maxEntries)
        {
            throw TooMany(maxEntries, archiveName);
        }

        var fixedPart = new byte[FileHeaderLength];
        var count = 0;
        while (true)
        {
            var read = await directory.ReadAtLeastAsync(fixedPart, FileHeaderLength, throwOnEndOfStream: false, cancellationToken);
            if (read == 0)
            {
                yield break;
            }

            if (read < FileHeaderLength || BinaryPrimitives.ReadUInt32LittleEndian(fixedPart) != FileHeaderSignature)
            {
                throw new ZipFormatException("The central directory is corrupt.");
            }

            if (++count > maxEntries)
            {
                throw TooMany(maxEntries, archiveName);
            }

            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(28));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(30));
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(32));
            var variable = new byte[nameLength + extraLength + commentLength];
            if (await directory.ReadAtLeastAsync(variable, variable.Length, throwOnEndOfStream: false, cancellationToken) < variable.Length)
            {
                throw new ZipFormatException("The central directory is cut off.");
            }

            yield return Parse(fixedPart, variable.AsSpan(0, nameLength), variable.AsSpan(nameLength, extraLength));
        }
    }

    private static ZipEntryRecord Parse(ReadOnlySpan<byte> header, ReadOnlySpan<byte> rawName, ReadOnlySpan<byte> extra)
    {
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
        long compressed = BinaryPrimitives.ReadUInt32LittleEndian(header[20..]);
        long uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(header[24..]);
        long localOffset = BinaryPrimitives.ReadUInt32LittleEndian(header[42..]);
        ApplyZip64(extra, ref uncompressed, ref compressed, ref localOffset);
        var name = (flags & Utf8NamesFlag) != 0 ? Encoding.UTF8.GetString(rawName) : Encoding.Latin1.GetString(rawName);
        return new ZipEntryRecord(name, rawName.ToArray(), flags, BinaryPrimitives.ReadUInt16LittleEndian(header[10..]),
            BinaryPrimitives.ReadUInt32LittleEndian(header[16..]), compressed, uncompressed, localOffset);
    }

    /// <summary>APPNOTE 4.5.3: the 64-bit values, in this order, of exactly the fields saturated in the header.</summary>
    private static void ApplyZip64(ReadOnlySpan<byte> extra, ref long uncompressed, ref long compressed, ref long localOffset)
    {
        while (extra.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            var size = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (size > extra.Length - 4)
            {
                throw new ZipFormatException("A central directory extra field is cut off.");
            }

            var data = extra.Slice(4, size);
            if (id == Zip64ExtraId)
            {
                uncompressed = Take(ref data, uncompressed);
                compressed = Take(ref data, compressed);
                localOffset = Take(ref data, localOffset);
                return;
            }

            extra = extra[(4 + size)..];
        }
    }

    private static long Take(ref ReadOnlySpan<byte> data, long value)
    {
        if (value != uint.MaxValue)
        {
            return value;
        }

        if (data.Length < 8)
        {
            throw new ZipFormatException("A ZIP64 extra field lacks a size or offset.");
        }

        var wide = BinaryPrimitives.ReadInt64LittleEndian(data);
        data = data[8..];
        return wide;
    }

    private static IngestLimitExceededException TooMany(int maxEntries, string archiveName) =>
        new(nameof(IngestLimitsOptions.MaxZipEntries), $"'{archiveName}' holds more than {maxEntries} entries.");
}
