using HeadCt.Dicom;

namespace HeadCt.Dimse.Scu;

/// <summary>
/// A Part 10 file (or any stream opener returning one) as a C-STORE source: its identity is read once from the
/// File Meta Information, and its data set is sent unchanged from where the meta group ends.
/// </summary>
public sealed class PartTenSource : IStoreSource
{
    /// <summary>The File Meta Information must end within this many bytes (real ones are a few hundred).</summary>
    public const int MaxHeaderBytes = 64 * 1024;

    private readonly Func<CancellationToken, Task<Stream>> _open;
    private readonly int _datasetOffset;

    private PartTenSource(Func<CancellationToken, Task<Stream>> open, PartTenHeader header, string name)
    {
        _open = open;
        _datasetOffset = header.DatasetOffset;
        SopClassUid = header.SopClassUid is { Length: > 0 } sopClass ? sopClass
            : throw new DicomException(DicomErrorKind.MissingAttribute, $"{name}: the File Meta Information has no Media Storage SOP Class UID", DicomTags.MediaStorageSopClassUid);
        SopInstanceUid = header.SopInstanceUid is { Length: > 0 } instance ? instance
            : throw new DicomException(DicomErrorKind.MissingAttribute, $"{name}: the File Meta Information has no Media Storage SOP Instance UID", DicomTags.MediaStorageSopInstanceUid);
        TransferSyntaxUid = header.TransferSyntax.Uid;
        Name = name;
    }

    public string SopClassUid { get; }

    public string SopInstanceUid { get; }

    public string TransferSyntaxUid { get; }

    /// <summary>A name for reports (file name or blob name).</summary>
    public string Name { get; }

    public static Task<PartTenSource> FromFileAsync(string path, CancellationToken cancellationToken) =>
        FromStreamAsync(_ => Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true)),
            Path.GetFileName(path), cancellationToken);

    /// <summary>Opens the stream once to read the header; <paramref name="open"/> is called again for each send.</summary>
    public static async Task<PartTenSource> FromStreamAsync(Func<CancellationToken, Task<Stream>> open, string name, CancellationToken cancellationToken)
    {
        await using var stream = await open(cancellationToken);
        var prefix = new byte[MaxHeaderBytes];
        var length = await stream.ReadAtLeastAsync(prefix, prefix.Length, throwOnEndOfStream: false, cancellationToken);
        var header = DicomReader.ReadPartTenHeader(prefix.AsMemory(0, length), prefixIsWholeFile: length < prefix.Length);
        return new PartTenSource(open, header, name);
    }

    public async Task<Stream> OpenDataSetAsync(CancellationToken cancellationToken)
    {
        var stream = await _open(cancellationToken);
        if (stream.CanSeek)
        {
            stream.Position = _datasetOffset;
            return stream;
        }

        var skip = new byte[_datasetOffset];
        await stream.ReadExactlyAsync(skip, cancellationToken);
        return stream;
    }
}
