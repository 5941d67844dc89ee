using System.Buffers.Binary;
using System.IO.Compression;
using Microsoft.Win32.SafeHandles;

namespace HeadCt.Gateway.Features.Upload.Zip;

/// <summary>
/// Opens one entry's data: its local file header (APPNOTE 4.3.7) is checked against the central directory record and
/// its bytes must not overlap an earlier entry's (<see cref="ZipEntrySpans"/>), then the data is inflated (or read as stored) through a <see cref="VerifiedEntryStream"/> that holds it to the
/// directory's CRC-32 and uncompressed size. Throws <see cref="ZipEntryException"/> for an entry that cannot be read.
/// </summary>
internal static class ZipEntryContent
{
    private const uint LocalHeaderSignature = 0x04034b50;
    private const int LocalHeaderLength = 30;

    public static Stream Open(SafeFileHandle file, ZipEntryRecord entry, long directoryOffset, ZipEntrySpans spans, string displayName)
    {
        if (entry.IsEncrypted)
        {
            throw new ZipEntryException("The zip entry is encrypted.");
        }

        if (entry.Method is not (ZipEntryRecord.Stored or ZipEntryRecord.Deflated))
        {
            throw new ZipEntryException($"The zip entry uses compression method {entry.Method}; only stored (0) and deflated (8) are supported.");
        }

        if (entry.Method == ZipEntryRecord.Stored && entry.CompressedSize != entry.UncompressedSize)
        {
            throw new ZipEntryException(
                $"The stored zip entry declares {entry.UncompressedSize} bytes but holds {entry.CompressedSize}.");
        }

        Span<byte> local = stackalloc byte[LocalHeaderLength];
        if (entry.LocalHeaderOffset < 0 || entry.LocalHeaderOffset > directoryOffset - LocalHeaderLength ||
            RandomAccess.Read(file, local, entry.LocalHeaderOffset) < LocalHeaderLength ||
            BinaryPrimitives.ReadUInt32LittleEndian(local) != LocalHeaderSignature)
        {
            throw new ZipEntryException("The zip entry's local header is missing or corrupt.");
        }

        var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(local[26..]);
        var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(local[28..]);
        if (BinaryPrimitives.ReadUInt16LittleEndian(local[8..]) != entry.Method)
        {
            throw new ZipEntryException("The zip entry's local header and central directory disagree on its compression method.");
        }

        var name = new byte[nameLength];
        RandomAccess.Read(file, name, entry.LocalHeaderOffset + LocalHeaderLength);
        if (!name.AsSpan().SequenceEqual(entry.RawName))
        {
            throw new ZipEntryException("The zip entry's local header and central directory disagree on its name.");
        }

        var dataStart = entry.LocalHeaderOffset + LocalHeaderLength + nameLength + extraLength;
        if (entry.CompressedSize < 0 || dataStart > directoryOffset || entry.CompressedSize > directoryOffset - dataStart)
        {
            throw new ZipEntryException("The zip entry's data runs past the end of the archive's data.");
        }

        if (!spans.TryClaim(entry.LocalHeaderOffset, dataStart + entry.CompressedSize))
        {
            throw new ZipEntryException("The zip entry overlaps the data of an earlier entry (overlapping entries are a zip-bomb technique).");
        }

        Stream data = new FileRegionStream(file, dataStart, entry.CompressedSize);
        if (entry.Method == ZipEntryRecord.Deflated)
        {
            data = new DeflateStream(data, CompressionMode.Decompress);
        }

        return new VerifiedEntryStream(data, entry.Crc32, entry.UncompressedSize, displayName);
    }
}

/// <summary>One entry cannot be read (its reason is the message); the rest of the archive still is.</summary>
internal sealed class ZipEntryException(string reason) : Exception(reason);
