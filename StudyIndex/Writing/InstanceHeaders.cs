using HeadCt.Dicom;

namespace HeadCt.StudyIndex.Writing;

/// <summary>Reads the header of a stored instance from the first bytes of its blob.</summary>
public static class InstanceHeaders
{
    /// <summary>Bytes read first; CT headers are a few KiB, so one read usually suffices.</summary>
    public const int FirstReadBytes = 64 << 10;

    /// <summary>The most a header may take before the index gives up on it (bounded memory per instance).</summary>
    public const int MaxHeaderBytes = 1 << 20;

    private static readonly DicomReadOptions HeaderOnly = new() { StopBeforePixelData = true };

    /// <summary>
    /// The instance from <paramref name="prefix"/>; null when it is not readable DICOM, or when the prefix ends inside the
    /// header and the blob is longer (<paramref name="needsMore"/> then says to read up to <see cref="MaxHeaderBytes"/>).
    /// </summary>
    public static IndexedInstance? TryRead(int blobNumber, ReadOnlyMemory<byte> prefix, bool prefixIsWholeBlob, out bool needsMore)
    {
        needsMore = false;
        try
        {
            var header = DicomReader.Read(prefix, HeaderOnly);
            return IndexedInstance.From(blobNumber, header, prefix);
        }
        catch (DicomException e) when (e.Kind == DicomErrorKind.Truncated && !prefixIsWholeBlob)
        {
            needsMore = prefix.Length < MaxHeaderBytes;
            return null;
        }
        catch (DicomException)
        {
            return null;
        }
    }
}
