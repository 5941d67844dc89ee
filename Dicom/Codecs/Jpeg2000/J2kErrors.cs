namespace HeadCt.Dicom.Codecs.Jpeg2000;

/// <summary>The exceptions the JPEG 2000 decoders raise, naming the marker and the byte offset inside the frame.</summary>
internal static class J2kErrors
{
    public static DicomException Corrupt(string reason, long offset) =>
        new(DicomErrorKind.CorruptPixelData, $"JPEG 2000: {reason}", offset: offset);

    public static DicomException Unsupported(string reason, long offset) =>
        new(DicomErrorKind.UnsupportedPixelFormat, $"JPEG 2000: {reason}", offset: offset);
}
