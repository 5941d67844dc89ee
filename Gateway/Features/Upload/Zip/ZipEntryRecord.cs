namespace HeadCt.Gateway.Features.Upload.Zip;

/// <summary>
/// One central directory file header (APPNOTE 4.3.12), with the ZIP64 extended information (4.5.3) already applied.
/// The central directory is the archive's authority on names, sizes and CRCs; local headers are checked against it.
/// </summary>
internal sealed record ZipEntryRecord(
    string Name,
    byte[] RawName,
    ushort Flags,
    ushort Method,
    uint Crc32,
    long CompressedSize,
    long UncompressedSize,
    long LocalHeaderOffset)
{
    public const ushort Stored = 0;
    public const ushort Deflated = 8;

    /// <summary>General purpose bit 0 (4.4.4): the entry is encrypted.</summary>
    public bool IsEncrypted => (Flags & 0x0001) != 0;

    public bool IsDirectory => ZipEntryNames.IsDirectory(Name) && UncompressedSize == 0;
}
