namespace HeadCt.Dicom.Codecs.JpegLs;

/// <summary>The exceptions the JPEG-LS decoder raises, with the byte offset inside the frame.</summary>
internal static class JpegLsErrors
{
    public static DicomException Corrupt(string reason, long offset) =>
        new(DicomErrorKind.CorruptPixelData, $"JPEG-LS: {reason}", offset: offset);

    public static DicomException Unsupported(string reason, long offset) =>
        new(DicomErrorKind.UnsupportedPixelFormat, $"JPEG-LS: {reason}", offset: offset);
}
