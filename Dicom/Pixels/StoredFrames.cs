namespace HeadCt.Dicom.Pixels;

/// <summary>
/// Frames as they are stored, without decoding (for DICOMweb frame retrieval in the stored transfer syntax): an
/// encapsulated frame is its fragments joined (PS3.5 §A.4), a native frame its slice of the pixel data (PS3.5 §8.1.1).
/// </summary>
public static class StoredFrames
{
    public static int Count(DicomFile file)
    {
        var (_, format) = Open(file);
        return format.NumberOfFrames;
    }

    /// <summary>The stored bytes of frame <paramref name="frameIndex"/> (zero-based).</summary>
    public static byte[] Frame(DicomFile file, int frameIndex)
    {
        var (element, format) = Open(file);
        if (frameIndex < 0 || frameIndex >= format.NumberOfFrames)
            throw new ArgumentOutOfRangeException(nameof(frameIndex), $"The image has {format.NumberOfFrames} frame(s)");
        if (element.Fragments is { } fragments)
        {
            var (first, count) = EncapsulatedFrameLocator.Locate(fragments, format.NumberOfFrames, file.Dataset, element.Tag)[frameIndex];
            var length = 0;
            for (var i = first; i < first + count; i++)
                length += fragments.Fragments[i].Length;
            var joined = new byte[length];
            var position = 0;
            for (var i = first; i < first + count; i++)
            {
                fragments.Fragments[i].Span.CopyTo(joined.AsSpan(position));
                position += fragments.Fragments[i].Length;
            }
            return joined;
        }

        if (format.StoredFrameBits % 8 != 0)
            throw new DicomException(DicomErrorKind.UnsupportedTransferSyntax,
                "Native frames that do not end on a byte boundary (1-bit images) cannot be cut out one by one", element.Tag);
        var frameBytes = (int)(format.StoredFrameBits / 8);
        var start = (long)frameIndex * frameBytes;
        if (start + frameBytes > element.Value.Length)
            throw new DicomException(DicomErrorKind.CorruptPixelData, $"Pixel data ends before frame {frameIndex + 1}", element.Tag, element.Offset);
        return element.Value.Slice((int)start, frameBytes).ToArray();
    }

    private static (DicomElement Element, PixelFormat Format) Open(DicomFile file)
    {
        var element = file.Dataset.Find(DicomTags.PixelData) ?? file.Dataset.Find(DicomTags.FloatPixelData) ?? file.Dataset.Find(DicomTags.DoubleFloatPixelData)
            ?? throw new DicomException(DicomErrorKind.MissingAttribute, "The data set has no pixel data", DicomTags.PixelData);
        return (element, PixelFormat.From(file.Dataset, element, element.Fragments is not null));
    }
}
