namespace HeadCt.Dicom.Codecs.Jpeg;

internal static class JpegErrors
{
    public static DicomException Corrupt(string reason, long offsetInFrame) =>
        new(DicomErrorKind.CorruptPixelData, reason, offset: offsetInFrame);

    public static DicomException Unsupported(string reason, long offsetInFrame) =>
        new(DicomErrorKind.UnsupportedPixelFormat, reason, offset: offsetInFrame);
}
