using HeadCt.Dicom;

namespace HeadCt.Imaging.Selection;

/// <summary>Functional group macros of multi-frame images (PS3.3 C.7.6.16) that carry per-frame geometry.</summary>
internal static class EnhancedFrameTags
{
    public static readonly DicomTag PlanePositionSequence = new(0x0020, 0x9113);
    public static readonly DicomTag PlaneOrientationSequence = new(0x0020, 0x9116);
    public static readonly DicomTag PixelMeasuresSequence = new(0x0028, 0x9110);
    public static readonly DicomTag PixelValueTransformationSequence = new(0x0028, 0x9145);
}
