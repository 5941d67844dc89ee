using HeadCt.Dicom;
using HeadCt.Imaging.Selection;

namespace HeadCt.Imaging.Phantoms;

/// <summary>The data sets of phantom instances: CT Image (PS3.3 A.3) and Enhanced CT Image (PS3.3 A.38) essentials.</summary>
internal static class PhantomDatasets
{
    public static DicomDataset Slice(PhantomSpec spec, string study, string series, string frameOfReference,
        PhantomSlicePlane plane, int instanceNumber, byte[] pixels)
    {
        var ds = Common(spec, study, series, frameOfReference, PhantomUids.CtImageStorage);
        ds.SetString(DicomTags.ImageType, DicomVr.CS, [.. spec.ImageType]);
        ds.SetNumbers(DicomTags.InstanceNumber, DicomVr.IS, instanceNumber);
        ds.SetNumbers(DicomTags.ImagePositionPatient, DicomVr.DS, plane.Position.X, plane.Position.Y, plane.Position.Z);
        ds.SetNumbers(DicomTags.ImageOrientationPatient, DicomVr.DS, Orientation(plane));
        ds.SetNumbers(DicomTags.PixelSpacing, DicomVr.DS, spec.RowSpacingMm, spec.ColumnSpacingMm);
        ds.SetNumbers(DicomTags.GantryDetectorTilt, DicomVr.DS, spec.TiltDegrees);
        ds.SetNumbers(DicomTags.RescaleIntercept, DicomVr.DS, PhantomSeriesWriter.RescaleIntercept);
        ds.SetNumbers(DicomTags.RescaleSlope, DicomVr.DS, 1);
        ds.SetBytes(DicomTags.PixelData, DicomVr.OW, pixels);
        return ds;
    }

    /// <summary>Shared groups carry orientation, pixel measures and rescale; each per-frame group its Plane Position (PS3.3 C.7.6.16).</summary>
    public static DicomDataset Enhanced(PhantomSpec spec, string study, string series, string frameOfReference,
        List<PhantomSlicePlane> planes, byte[] pixels)
    {
        var ds = Common(spec, study, series, frameOfReference, PhantomUids.EnhancedCtImageStorage);
        ds.SetString(DicomTags.ImageType, DicomVr.CS, "ORIGINAL", "PRIMARY", "AXIAL", "NONE");
        ds.SetNumbers(DicomTags.InstanceNumber, DicomVr.IS, 1);
        ds.SetNumbers(DicomTags.NumberOfFrames, DicomVr.IS, planes.Count);

        var orientation = new DicomDataset();
        orientation.SetNumbers(DicomTags.ImageOrientationPatient, DicomVr.DS, Orientation(planes[0]));
        var measures = new DicomDataset();
        measures.SetNumbers(DicomTags.PixelSpacing, DicomVr.DS, spec.RowSpacingMm, spec.ColumnSpacingMm);
        var transform = new DicomDataset();
        transform.SetNumbers(DicomTags.RescaleIntercept, DicomVr.DS, PhantomSeriesWriter.RescaleIntercept);
        transform.SetNumbers(DicomTags.RescaleSlope, DicomVr.DS, 1);
        var shared = new DicomDataset();
        shared.SetSequence(EnhancedFrameTags.PlaneOrientationSequence, [orientation]);
        shared.SetSequence(EnhancedFrameTags.PixelMeasuresSequence, [measures]);
        shared.SetSequence(EnhancedFrameTags.PixelValueTransformationSequence, [transform]);
        ds.SetSequence(DicomTags.SharedFunctionalGroupsSequence, [shared]);

        var perFrame = new List<DicomDataset>(planes.Count);
        foreach (var plane in planes)
        {
            var position = new DicomDataset();
            position.SetNumbers(DicomTags.ImagePositionPatient, DicomVr.DS, plane.Position.X, plane.Position.Y, plane.Position.Z);
            var group = new DicomDataset();
            group.SetSequence(EnhancedFrameTags.PlanePositionSequence, [position]);
            perFrame.Add(group);
        }
        ds.SetSequence(DicomTags.PerFrameFunctionalGroupsSequence, perFrame);
        ds.SetBytes(DicomTags.PixelData, DicomVr.OW, pixels);
        return ds;
    }

    private static DicomDataset Common(PhantomSpec spec, string study, string series, string frameOfReference, string sopClass)
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTags.SopClassUid, DicomVr.UI, sopClass);
        ds.SetString(DicomTags.SopInstanceUid, DicomVr.UI, PhantomUids.New());
        ds.SetString(DicomTags.Modality, DicomVr.CS, "CT");
        ds.SetString(DicomTags.SeriesDescription, DicomVr.LO, spec.SeriesDescription);
        ds.SetString(DicomTags.PatientName, DicomVr.PN, "PHANTOM^HEAD");
        ds.SetString(DicomTags.PatientId, DicomVr.LO, "PHANTOM");
        ds.SetString(DicomTags.StudyInstanceUid, DicomVr.UI, study);
        ds.SetString(DicomTags.SeriesInstanceUid, DicomVr.UI, series);
        ds.SetString(DicomTags.FrameOfReferenceUid, DicomVr.UI, frameOfReference);
        ds.SetNumbers(DicomTags.SeriesNumber, DicomVr.IS, 1);
        ds.SetNumbers(DicomTags.SamplesPerPixel, DicomVr.US, 1);
        ds.SetString(DicomTags.PhotometricInterpretation, DicomVr.CS, "MONOCHROME2");
        ds.SetNumbers(DicomTags.Rows, DicomVr.US, spec.Rows);
        ds.SetNumbers(DicomTags.Columns, DicomVr.US, spec.Columns);
        ds.SetNumbers(DicomTags.BitsAllocated, DicomVr.US, 16);
        ds.SetNumbers(DicomTags.BitsStored, DicomVr.US, 16);
        ds.SetNumbers(DicomTags.HighBit, DicomVr.US, 15);
        ds.SetNumbers(DicomTags.PixelRepresentation, DicomVr.US, 1);
        if (spec.PixelPaddingValue is { } padding)
            ds.SetNumbers(DicomTags.PixelPaddingValue, DicomVr.SS, padding);
        return ds;
    }

    private static double[] Orientation(PhantomSlicePlane plane) =>
    [
        plane.RowDirection.X, plane.RowDirection.Y, plane.RowDirection.Z,
        plane.ColumnDirection.X, plane.ColumnDirection.Y, plane.ColumnDirection.Z,
    ];
}
