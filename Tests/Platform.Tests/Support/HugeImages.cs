using System.Buffers.Binary;
using System.Globalization;
using HeadCt.Dicom;
using HeadCt.Platform.Tests.Security;

namespace HeadCt.Platform.Tests.Support;

/// <summary>
/// CT slices that declare huge images while staying small on the wire, generated in the test (nothing large is
/// committed): RLE Lossless (PS3.5 Annex G) of an all-zero frame is two bytes per 128 pixels and row, so an 8192²
/// slice is 2 MB.
/// </summary>
public static class HugeImages
{
    /// <summary>A valid RLE slice of <paramref name="size"/>² zero pixels (16-bit, two segments, rows encoded apart: G.3.1).</summary>
    public static byte[] RleSlice(int size, string studyUid, string seriesUid, int index)
    {
        var segment = ZeroSegment(size, size);
        var frame = new byte[64 + 2 * segment.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, 2);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), 64);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(8), (uint)(64 + segment.Length));
        segment.CopyTo(frame, 64);
        segment.CopyTo(frame, 64 + segment.Length);
        return Slice(size, size, studyUid, seriesUid, index, frame);
    }

    /// <summary>A slice whose header declares <paramref name="rows"/> × <paramref name="columns"/> but carries a token fragment.</summary>
    public static byte[] DeclaredOnly(int rows, int columns, string studyUid, string seriesUid, int index) =>
        Slice(rows, columns, studyUid, seriesUid, index, new byte[72]);

    private static byte[] Slice(int rows, int columns, string studyUid, string seriesUid, int index, byte[] frame)
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTags.SopClassUid, DicomVr.UI, "1.2.840.10008.5.1.4.1.1.2");
        ds.SetString(DicomTags.SopInstanceUid, DicomVr.UI, HostileDicom.NewUid());
        ds.SetString(DicomTags.StudyInstanceUid, DicomVr.UI, studyUid);
        ds.SetString(DicomTags.SeriesInstanceUid, DicomVr.UI, seriesUid);
        ds.SetString(DicomTags.Modality, DicomVr.CS, "CT");
        ds.SetString(DicomTags.ImageType, DicomVr.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.SetString(DicomTags.ImagePositionPatient, DicomVr.DS, "0", "0", (index * 5).ToString(CultureInfo.InvariantCulture));
        ds.SetString(DicomTags.ImageOrientationPatient, DicomVr.DS, "1", "0", "0", "0", "1", "0");
        ds.SetString(DicomTags.PixelSpacing, DicomVr.DS, "0.5", "0.5");
        ds.SetString(DicomTags.SliceThickness, DicomVr.DS, "5");
        ds.SetNumbers(DicomTags.SamplesPerPixel, DicomVr.US, 1);
        ds.SetString(DicomTags.PhotometricInterpretation, DicomVr.CS, "MONOCHROME2");
        ds.SetNumbers(DicomTags.Rows, DicomVr.US, rows);
        ds.SetNumbers(DicomTags.Columns, DicomVr.US, columns);
        ds.SetNumbers(DicomTags.BitsAllocated, DicomVr.US, 16);
        ds.SetNumbers(DicomTags.BitsStored, DicomVr.US, 16);
        ds.SetNumbers(DicomTags.HighBit, DicomVr.US, 15);
        ds.SetNumbers(DicomTags.PixelRepresentation, DicomVr.US, 1);
        ds.SetString(DicomTags.RescaleIntercept, DicomVr.DS, "-1024");
        ds.SetString(DicomTags.RescaleSlope, DicomVr.DS, "1");
        ds.Set(DicomElement.Encapsulated(DicomTags.PixelData, new DicomFragments(ReadOnlyMemory<byte>.Empty, [frame])));
        return DicomWriter.ToBytes(new DicomFile(new DicomDataset(), ds, TransferSyntax.RleLossless), TransferSyntax.RleLossless);
    }

    /// <summary>One PackBits segment of zeros: per row, replicate runs of 128 (header −127, then the byte).</summary>
    private static byte[] ZeroSegment(int rows, int columns)
    {
        var runsPerRow = (columns + 127) / 128;
        var segment = new byte[rows * runsPerRow * 2];
        for (var row = 0; row < rows; row++)
        {
            for (var run = 0; run < runsPerRow; run++)
            {
                var length = Math.Min(128, columns - run * 128);
                segment[(row * runsPerRow + run) * 2] = (byte)(sbyte)(1 - length);
            }
        }

        return segment;
    }
}
