namespace HeadCt.Dicom.Codecs.Rle;

internal static class RleErrors
{
    public static DicomException Corrupt(string reason, long offsetInFrame) =>
        new(DicomErrorKind.CorruptPixelData, reason, offset: offsetInFrame);
}
