using System.Globalization;
using HeadCt.Dicom;
using HeadCt.Imaging.Volume;

namespace HeadCt.Processor.DicomResults;

/// <summary>
/// The attention as a binary DICOM Segmentation (PS3.3 A.51) on the analysed volume's grid, in the source frame of
/// reference: one segment, the voxels whose attention is at least <see cref="Level"/> of the study's peak. The
/// attention is already kept inside the intracranial cavity, so the segment is too. One frame per slice that holds
/// segment voxels; each frame's plane position, and its source slice as derivation image when one lies on that plane.
/// </summary>
public static class SegmentationWriter
{
    public const string SopClassUid = "1.2.840.10008.5.1.4.1.1.66.4";

    /// <summary>The fraction of the peak attention a voxel must reach to be in the segment.</summary>
    public const float Level = 0.5f;

    private static readonly CodedConcept SegmentationDerivation = new("113076", "DCM", "Segmentation");

    /// <returns>The object, or null when no voxel reaches the level (nothing to overlay).</returns>
    public static DicomFile? Write(ResultObjectRequest request, CtVolume attention, ResultSeries series, string sopInstanceUid)
    {
        var g = attention.Geometry;
        var peak = System.Numerics.Tensors.TensorPrimitives.Max(attention.Voxels);
        if (peak <= 0)
            return null;
        var cut = peak * Level;
        var frames = new List<int>();
        for (var z = 0; z < g.SizeZ; z++)
        {
            if (System.Numerics.Tensors.TensorPrimitives.Max(attention.Slice(z)) >= cut)
                frames.Add(z);
        }

        var ds = ResultDataset.Start(request, series, SopClassUid, sopInstanceUid, 1);
        ResultDataset.SetFrameOfReference(ds, request.Source);
        ds.SetString(DicomTags.ImageType, DicomVr.CS, "DERIVED", "PRIMARY");
        ds.SetString(DicomTags.DeviceSerialNumber, DicomVr.LO, request.Model.Sha256[..16]);
        ds.SetString(DicomTags.ContentLabel, DicomVr.CS, "ATTENTION");
        ds.SetString(DicomTags.ContentDescription, DicomVr.LO, $"Attention of {request.Model.Name} >= {Level:0%} of peak");
        ds.SetBytes(DicomTags.ContentCreatorName, DicomVr.PN, ReadOnlyMemory<byte>.Empty);
        ds.SetString(DicomTags.SegmentationType, DicomVr.CS, "BINARY");
        ds.SetSequence(DicomTags.SegmentSequence, [Segment(request)]);
        ds.SetSequence(DicomTags.ReferencedSeriesSequence, [ResultDataset.ReferencedSeries(request.Source)]);
        SetDimensions(ds, sopInstanceUid);
        ds.SetSequence(DicomTags.SharedFunctionalGroupsSequence, [Shared(g)]);
        ds.SetSequence(DicomTags.PerFrameFunctionalGroupsSequence, frames.Select((z, i) => PerFrame(request.Source, g, z, i)));

        ds.SetNumbers(DicomTags.SamplesPerPixel, DicomVr.US, 1);
        ds.SetString(DicomTags.PhotometricInterpretation, DicomVr.CS, "MONOCHROME2");
        ds.SetString(DicomTags.NumberOfFrames, DicomVr.IS, frames.Count.ToString(CultureInfo.InvariantCulture));
        ds.SetNumbers(DicomTags.Rows, DicomVr.US, g.SizeY);
        ds.SetNumbers(DicomTags.Columns, DicomVr.US, g.SizeX);
        ds.SetNumbers(DicomTags.BitsAllocated, DicomVr.US, 1);
        ds.SetNumbers(DicomTags.BitsStored, DicomVr.US, 1);
        ds.SetNumbers(DicomTags.HighBit, DicomVr.US, 0);
        ds.SetNumbers(DicomTags.PixelRepresentation, DicomVr.US, 0);
        ds.SetString(DicomTags.LossyImageCompression, DicomVr.CS, "00");
        ds.SetBytes(DicomTags.PixelData, DicomVr.OB, Pack(attention, frames, cut));
        return new DicomFile(new DicomDataset(), ds, TransferSyntax.ExplicitVrLittleEndian);
    }

    /// <summary>The frames' pixels one bit each, first pixel in the lowest bit, frames back to back (PS3.5 §8.1.1).</summary>
    public static byte[] Pack(CtVolume attention, IReadOnlyList<int> frames, float cut)
    {
        var length = attention.SliceLength;
        var bytes = new byte[((long)length * frames.Count + 7) / 8 + 1 & ~1L];
        long bit = 0;
        foreach (var z in frames)
        {
            var slice = attention.Slice(z);
            for (var i = 0; i < length; i++, bit++)
            {
                if (slice[i] >= cut)
                    bytes[bit >> 3] |= (byte)(1 << (int)(bit & 7));
            }
        }

        return bytes;
    }

    private static DicomDataset Segment(ResultObjectRequest request)
    {
        var segment = new DicomDataset();
        segment.SetSequence(DicomTags.SegmentedPropertyCategoryCodeSequence, [ResultDataset.Code(ResultCodes.MorphologicallyAbnormalStructure)]);
        segment.SetNumbers(DicomTags.SegmentNumber, DicomVr.US, 1);
        segment.SetString(DicomTags.SegmentLabel, DicomVr.LO, "Model attention");
        segment.SetString(DicomTags.SegmentDescription, DicomVr.ST,
            $"Where {request.Model.Name} {request.Model.Version} looked for intracranial hemorrhage: attention at least {Level:0%} of the study's peak, inside the intracranial cavity. Not a delineation of blood.");
        segment.SetString(DicomTags.SegmentAlgorithmType, DicomVr.CS, "AUTOMATIC");
        segment.SetString(DicomTags.SegmentAlgorithmName, DicomVr.LO, ResultDataset.Truncate(request.Model.Name, 64));
        segment.SetSequence(DicomTags.SegmentedPropertyTypeCodeSequence, [ResultDataset.Code(ResultCodes.IntracranialHemorrhage)]);
        return segment;
    }

    private static void SetDimensions(DicomDataset ds, string sopInstanceUid)
    {
        var organization = sopInstanceUid + ".1";
        var organizationItem = new DicomDataset();
        organizationItem.SetString(DicomTags.DimensionOrganizationUid, DicomVr.UI, organization);
        ds.SetSequence(DicomTags.DimensionOrganizationSequence, [organizationItem]);
        ds.SetString(DicomTags.DimensionOrganizationType, DicomVr.CS, "3D");
        ds.SetSequence(DicomTags.DimensionIndexSequence,
        [
            Dimension(organization, DicomTags.ReferencedSegmentNumber, DicomTags.SegmentIdentificationSequence, "Segment"),
            Dimension(organization, DicomTags.ImagePositionPatient, DicomTags.PlanePositionSequence, "Position"),
        ]);
    }

    private static DicomDataset Dimension(string organization, DicomTag index, DicomTag group, string label)
    {
        var item = new DicomDataset();
        item.SetBytes(DicomTags.DimensionIndexPointer, DicomVr.AT, ResultDataset.AttributeTag(index));
        item.SetBytes(DicomTags.FunctionalGroupPointer, DicomVr.AT, ResultDataset.AttributeTag(group));
        item.SetString(DicomTags.DimensionOrganizationUid, DicomVr.UI, organization);
        item.SetString(DicomTags.DimensionDescriptionLabel, DicomVr.LO, label);
        return item;
    }

    private static DicomDataset Shared(VolumeGeometry g)
    {
        var measures = new DicomDataset();
        measures.SetNumbers(DicomTags.SliceThickness, DicomVr.DS, g.SpacingZ);
        measures.SetNumbers(DicomTags.SpacingBetweenSlices, DicomVr.DS, g.SpacingZ);
        measures.SetNumbers(DicomTags.PixelSpacing, DicomVr.DS, g.SpacingY, g.SpacingX);
        var orientation = new DicomDataset();
        orientation.SetNumbers(DicomTags.ImageOrientationPatient, DicomVr.DS,
            g.RowDirection.X, g.RowDirection.Y, g.RowDirection.Z, g.ColumnDirection.X, g.ColumnDirection.Y, g.ColumnDirection.Z);
        var shared = new DicomDataset();
        shared.SetSequence(DicomTags.PixelMeasuresSequence, [measures]);
        shared.SetSequence(DicomTags.PlaneOrientationSequence, [orientation]);
        return shared;
    }

    private static DicomDataset PerFrame(SourceStudy source, VolumeGeometry g, int z, int frame)
    {
        var position = g.PatientPosition(0, 0, z);
        double[] at = [position.X, position.Y, position.Z];
        var item = new DicomDataset();
        var nearest = source.Nearest(at, [g.SliceDirection.X, g.SliceDirection.Y, g.SliceDirection.Z]);
        if (nearest?.Position is { } p && Math.Abs((p[0] - at[0]) * g.SliceDirection.X + (p[1] - at[1]) * g.SliceDirection.Y
                + (p[2] - at[2]) * g.SliceDirection.Z) <= g.SpacingZ / 4)
        {
            var derivation = new DicomDataset();
            derivation.SetSequence(DicomTags.DerivationCodeSequence, [ResultDataset.Code(SegmentationDerivation)]);
            derivation.SetSequence(DicomTags.SourceImageSequence, [ResultDataset.ImageReference(nearest, true)]);
            item.SetSequence(DicomTags.DerivationImageSequence, [derivation]);
        }

        var content = new DicomDataset();
        content.SetNumbers(DicomTags.DimensionIndexValues, DicomVr.UL, 1, frame + 1);
        item.SetSequence(DicomTags.FrameContentSequence, [content]);
        var plane = new DicomDataset();
        plane.SetNumbers(DicomTags.ImagePositionPatient, DicomVr.DS, at);
        item.SetSequence(DicomTags.PlanePositionSequence, [plane]);
        var segment = new DicomDataset();
        segment.SetNumbers(DicomTags.ReferencedSegmentNumber, DicomVr.US, 1);
        item.SetSequence(DicomTags.SegmentIdentificationSequence, [segment]);
        return item;
    }
}
