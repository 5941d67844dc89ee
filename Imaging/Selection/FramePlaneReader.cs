using HeadCt.Dicom;
using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging.Selection;

/// <summary>
/// Reads the plane of every frame: from the top-level Image Plane module for single-frame images, or from the
/// Per-frame (5200,9230) then Shared (5200,9229) Functional Groups for enhanced multi-frame images (PS3.3 C.7.6.16).
/// </summary>
internal static class FramePlaneReader
{
    public static FramePlane[] Read(DicomDataset dataset, DicomImageHeader header)
    {
        var perFrame = dataset.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence);
        var shared = dataset.GetSequence(DicomTags.SharedFunctionalGroupsSequence);
        if (perFrame.Count == 0)
        {
            var position = header.ImagePositionPatient is { } p ? Vector3d.From(p) : (Vector3d?)null;
            var planes = new FramePlane[Math.Max(1, header.NumberOfFrames)];
            for (var i = 0; i < planes.Length; i++)
                planes[i] = new FramePlane(i, position, header.ImageOrientationPatient, header.PixelSpacing, header.RescaleSlope, header.RescaleIntercept);
            return planes;
        }
        var sharedGroup = shared.Count > 0 ? shared[0] : null;
        var frames = new FramePlane[perFrame.Count];
        for (var i = 0; i < frames.Length; i++)
        {
            var group = perFrame[i];
            var position = Doubles(group, sharedGroup, EnhancedFrameTags.PlanePositionSequence, DicomTags.ImagePositionPatient, 3);
            var orientation = Doubles(group, sharedGroup, EnhancedFrameTags.PlaneOrientationSequence, DicomTags.ImageOrientationPatient, 6)
                ?? header.ImageOrientationPatient;
            var spacing = Doubles(group, sharedGroup, EnhancedFrameTags.PixelMeasuresSequence, DicomTags.PixelSpacing, 2) ?? header.PixelSpacing;
            var slope = Doubles(group, sharedGroup, EnhancedFrameTags.PixelValueTransformationSequence, DicomTags.RescaleSlope, 1);
            var intercept = Doubles(group, sharedGroup, EnhancedFrameTags.PixelValueTransformationSequence, DicomTags.RescaleIntercept, 1);
            frames[i] = new FramePlane(i, position is null ? null : Vector3d.From(position), orientation, spacing,
                slope?[0] ?? header.RescaleSlope, intercept?[0] ?? header.RescaleIntercept);
        }
        return frames;
    }

    /// <summary>A per-frame functional group overrides the shared one (PS3.3 C.7.6.16.1.1).</summary>
    private static double[]? Doubles(DicomDataset frame, DicomDataset? shared, DicomTag macro, DicomTag attribute, int length) =>
        Values(frame, macro, attribute, length) ?? (shared is null ? null : Values(shared, macro, attribute, length));

    private static double[]? Values(DicomDataset group, DicomTag macro, DicomTag attribute, int length)
    {
        var items = group.GetSequence(macro);
        if (items.Count == 0)
            return null;
        var values = items[0].GetDoubles(attribute);
        return values.Length >= length ? values : null;
    }
}
