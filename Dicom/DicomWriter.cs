using System.Buffers.Binary;
using System.IO.Compression;
using HeadCt.Dicom.Writing;

namespace HeadCt.Dicom;

/// <summary>
/// Writes PS3.10 files: 128-byte preamble, "DICM", File Meta Information (Explicit VR Little Endian, with group
/// length), then the data set in Implicit VR LE, Explicit VR LE or Deflated Explicit VR LE. Encapsulated pixel
/// data is written only in the transfer syntax it was read in (no transcoding).
/// </summary>
public static class DicomWriter
{
    public static void Write(Stream output, DicomFile file, TransferSyntax syntax)
    {
        CheckSupported(file, syntax);
        output.Write(new byte[128]);
        output.Write("DICM"u8);
        WriteFileMeta(output, FileMetaBuilder.Build(file, syntax));
        if (syntax.IsDeflated)
        {
            // PS3.5 §A.5: the data set after the meta group is one raw deflate stream, padded with a NUL to even length.
            var counted = new CountingWriteStream(output);
            using (var deflater = new DeflateStream(counted, CompressionLevel.Optimal, leaveOpen: true))
                new DatasetEncoder(deflater, explicitVr: true).WriteDataset(file.Dataset);
            if (counted.BytesWritten % 2 == 1)
                output.WriteByte(0);
        }
        else
        {
            new DatasetEncoder(output, syntax.IsExplicitVr).WriteDataset(file.Dataset);
        }
    }

    public static byte[] ToBytes(DicomFile file, TransferSyntax syntax)
    {
        using var buffer = new MemoryStream();
        Write(buffer, file, syntax);
        return buffer.ToArray();
    }

    /// <summary>
    /// The preamble, "DICM" and File Meta Information of a Part 10 file whose data set bytes the caller already holds
    /// in <paramref name="transferSyntaxUid"/> (e.g. received over the network): prefix + data set = the file.
    /// </summary>
    public static byte[] PartTenHeader(string sopClassUid, string sopInstanceUid, string transferSyntaxUid, string? sourceAeTitle = null)
    {
        var meta = FileMetaBuilder.Build(sopClassUid, sopInstanceUid, transferSyntaxUid);
        if (!string.IsNullOrEmpty(sourceAeTitle))
            meta.SetString(SourceApplicationEntityTitle, DicomVr.AE, sourceAeTitle);
        using var output = new MemoryStream(256);
        output.Write(new byte[128]);
        output.Write("DICM"u8);
        WriteFileMeta(output, meta);
        return output.ToArray();
    }

    private static readonly DicomTag SourceApplicationEntityTitle = new(0x0002, 0x0016);

    private static void WriteFileMeta(Stream output, DicomDataset meta)
    {
        using var body = new MemoryStream();
        new DatasetEncoder(body, explicitVr: true).WriteDataset(meta);
        var groupLength = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(groupLength, (uint)body.Length);
        new DatasetEncoder(output, explicitVr: true).WriteElement(new DicomElement(DicomTags.FileMetaInformationGroupLength, DicomVr.UL, groupLength));
        body.Position = 0;
        body.CopyTo(output);
    }

    private static void CheckSupported(DicomFile file, TransferSyntax syntax)
    {
        var encapsulated = file.Dataset.Find(DicomTags.PixelData)?.Fragments is not null;
        var native = syntax == TransferSyntax.ImplicitVrLittleEndian || syntax == TransferSyntax.ExplicitVrLittleEndian
            || syntax == TransferSyntax.DeflatedExplicitVrLittleEndian;
        if (native && !encapsulated)
            return;
        if (encapsulated && syntax == file.TransferSyntax)
            return;
        throw new DicomException(DicomErrorKind.UnsupportedTransferSyntax,
            encapsulated
                ? $"Encapsulated pixel data in {file.TransferSyntax.Uid} {file.TransferSyntax.Name} can only be written in that syntax; decode the pixels first"
                : $"Writing {syntax.Uid} {syntax.Name} is not supported (Implicit VR LE, Explicit VR LE, Deflated Explicit VR LE are)");
    }
}
