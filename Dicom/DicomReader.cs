using System.Runtime.InteropServices;
using HeadCt.Dicom.Reading;

namespace HeadCt.Dicom;

/// <summary>Reads PS3.10 files and bare data sets (ACR-NEMA style, no preamble or File Meta Information).</summary>
public static class DicomReader
{
    public static DicomFile Read(ReadOnlyMemory<byte> data, DicomReadOptions? options = null)
    {
        var source = MemoryMarshal.TryGetArray(data, out var segment)
            ? new ByteSource(segment.Array!, segment.Offset, segment.Count)
            : new ByteSource(data.ToArray(), 0, data.Length);
        return Read(source, options ?? DicomReadOptions.Default);
    }

    /// <summary>Reads a stream; with <see cref="DicomReadOptions.StopBeforePixelData"/> it reads no further than the pixel data element's header.</summary>
    public static DicomFile Read(Stream stream, DicomReadOptions? options = null)
    {
        options ??= DicomReadOptions.Default;
        if (options.StopBeforePixelData)
            return Read(new ByteSource(stream), options);
        var bytes = ReadToEnd(stream);
        return Read(new ByteSource(bytes, 0, bytes.Length), options);
    }

    public static DicomFile ReadFile(string path, DicomReadOptions? options = null)
    {
        options ??= DicomReadOptions.Default;
        if (!options.StopBeforePixelData)
        {
            var bytes = File.ReadAllBytes(path);
            return Read(new ByteSource(bytes, 0, bytes.Length), options);
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 16384);
        return Read(new ByteSource(stream), options);
    }

    /// <summary>
    /// Reads only the preamble, "DICM" and File Meta Information from the first bytes of a Part 10 file. When
    /// <paramref name="prefixIsWholeFile"/> is false the prefix must reach past the meta group (the first data set
    /// tag must be in it), else <see cref="DicomErrorKind.Truncated"/>.
    /// </summary>
    public static PartTenHeader ReadPartTenHeader(ReadOnlyMemory<byte> prefix, bool prefixIsWholeFile)
    {
        var source = MemoryMarshal.TryGetArray(prefix, out var segment)
            ? new ByteSource(segment.Array!, segment.Offset, segment.Count)
            : new ByteSource(prefix.ToArray(), 0, prefix.Length);
        if (!PartTenLayout.HasPreambleAndPrefix(source))
            throw new DicomException(DicomErrorKind.NotDicom, "No 128-byte preamble and DICM prefix (PS3.10 §7.1)", offset: 0);
        var meta = new DicomDataset();
        var position = ReadFileMeta(source, meta, source.Start + PartTenLayout.PreambleLength + 4, DicomReadOptions.Default);
        if (!prefixIsWholeFile && !source.Has(position, 4))
            throw new DicomException(DicomErrorKind.Truncated,
                $"The File Meta Information does not end within the first {prefix.Length} bytes", offset: source.OffsetOf(position));
        var uid = meta.GetString(DicomTags.TransferSyntaxUid);
        if (string.IsNullOrEmpty(uid))
            throw new DicomException(DicomErrorKind.MissingAttribute, "The File Meta Information names no Transfer Syntax UID", DicomTags.TransferSyntaxUid);
        return new PartTenHeader(meta, TransferSyntax.FromUid(uid), (int)source.OffsetOf(position));
    }

    private static DicomFile Read(ByteSource source, DicomReadOptions options)
    {
        if (!source.Has(source.Start, 1))
            throw new DicomException(DicomErrorKind.NotDicom, "The input is empty", offset: 0);

        var position = source.Start;
        var hasPreamble = PartTenLayout.HasPreambleAndPrefix(source);
        if (hasPreamble)
            position += PartTenLayout.PreambleLength + 4;
        else if (PartTenLayout.HasBarePrefix(source))
            position += 4;

        var meta = new DicomDataset();
        if (hasPreamble || PartTenLayout.StartsWithMetaGroup(source, position))
        {
            position = ReadFileMeta(source, meta, position, options);
            if (hasPreamble && meta.Count == 0)
                throw new DicomException(DicomErrorKind.Truncated, "No File Meta Information follows the DICM prefix", offset: source.OffsetOf(position));
        }
        else if (!PartTenLayout.LooksLikeDatasetStart(source, position))
        {
            throw new DicomException(DicomErrorKind.NotDicom, "No DICM prefix and the input does not start like a data set", offset: 0);
        }

        var syntax = ChooseSyntax(source, meta, position);
        var dataset = new DicomDataset(128);
        DatasetParser parser;
        if (syntax.IsDeflated)
        {
            var inflated = Inflate(source, position);
            parser = new DatasetParser(inflated, true, false, options);
            parser.ReadDataset(dataset, inflated.Start);
        }
        else
        {
            var (explicitVr, bigEndian) = (syntax.IsExplicitVr, syntax.IsBigEndian);
            if (explicitVr && !bigEndian && PartTenLayout.Guess(source, position) is { ExplicitVr: false } && source.Has(position, 8))
                explicitVr = false; // the meta says explicit but the data set is implicit: follow the bytes
            parser = new DatasetParser(source, explicitVr, bigEndian, options);
            parser.ReadDataset(dataset, position);
        }
        return new DicomFile(meta, dataset, syntax, parser.StoppedBeforePixelData);
    }

    /// <summary>PS3.10 §7.1: group 0002 is Explicit VR Little Endian; its group length is not trusted, the group ends where 0002 does.</summary>
    private static int ReadFileMeta(ByteSource source, DicomDataset meta, int position, DicomReadOptions options)
    {
        var explicitVr = PartTenLayout.Guess(source, position).ExplicitVr || !source.Has(position, 8);
        var parser = new DatasetParser(source, explicitVr, false, options);
        return parser.ReadGroup0002(meta, position);
    }

    private static TransferSyntax ChooseSyntax(ByteSource source, DicomDataset meta, int position)
    {
        var uid = meta.GetString(DicomTags.TransferSyntaxUid);
        if (!string.IsNullOrEmpty(uid))
            return TransferSyntax.FromUid(uid);
        var (explicitVr, bigEndian) = PartTenLayout.Guess(source, position);
        return !explicitVr ? TransferSyntax.ImplicitVrLittleEndian
            : bigEndian ? TransferSyntax.ExplicitVrBigEndian
            : TransferSyntax.ExplicitVrLittleEndian;
    }

    /// <summary>PS3.5 §A.5: everything after the File Meta Information is one raw deflate stream (RFC 1951).</summary>
    private static ByteSource Inflate(ByteSource source, int position)
    {
        var compressed = source.IsFinite
            ? new MemoryStream(source.Buffer, position, source.End - position, writable: false)
            : source.OpenTail(position);
        return InflatedInput.Open(compressed, source.OffsetOf(position));
    }

    private static byte[] ReadToEnd(Stream stream)
    {
        if (stream.CanSeek && stream.Length - stream.Position is var remaining and >= 0 and <= int.MaxValue)
        {
            var exact = new byte[remaining];
            var read = stream.ReadAtLeast(exact, exact.Length, throwOnEndOfStream: false);
            return read == exact.Length ? exact : exact[..read];
        }
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.Length == copy.GetBuffer().Length ? copy.GetBuffer() : copy.ToArray();
    }
}
