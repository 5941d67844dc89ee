using System.Buffers.Binary;
using System.Numerics;
using HeadCt.Dicom;
using HeadCt.Inference.Tensors;

namespace HeadCt.Inference.Phantoms;

/// <summary>
/// Writes a <see cref="HeadPhantom"/> as an axial CT series (CT Image Storage, PS3.3 A.3; Explicit VR Little Endian,
/// signed 16-bit, Rescale Intercept −1024) with the Dicom writer, and its lesion mask as <c>&lt;folder&gt;-mask.npy</c>
/// beside the folder (so the folder holds only DICOM and can be uploaded as is).
/// </summary>
public static class PhantomDicomWriter
{
    private const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    private const double RescaleIntercept = -1024;

    public static IReadOnlyList<string> Write(HeadPhantom phantom, string folder)
    {
        Directory.CreateDirectory(folder);
        var g = phantom.Volume.Geometry;
        var (study, series, frame) = (NewUid(), NewUid(), NewUid());
        var paths = new string[g.SizeZ];
        for (var z = 0; z < g.SizeZ; z++)
        {
            var pixels = new byte[g.SizeX * g.SizeY * 2];
            var slice = phantom.Volume.Slice(z);
            for (var i = 0; i < slice.Length; i++)
            {
                var stored = Math.Clamp(Math.Round(slice[i] - RescaleIntercept), short.MinValue, short.MaxValue);
                BinaryPrimitives.WriteInt16LittleEndian(pixels.AsSpan(i * 2), (short)stored);
            }
            var ds = Dataset(phantom, study, series, frame, z, pixels);
            paths[z] = Path.Combine(folder, $"slice{z:D4}.dcm");
            using var stream = File.Create(paths[z]);
            DicomWriter.Write(stream, new DicomFile(new DicomDataset(), ds, TransferSyntax.ExplicitVrLittleEndian), TransferSyntax.ExplicitVrLittleEndian);
        }
        NpyWriter.Write(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + "-mask.npy", phantom.LesionMask, g.SizeZ, g.SizeY, g.SizeX);
        return paths;
    }

    private static DicomDataset Dataset(HeadPhantom phantom, string study, string series, string frame, int z, byte[] pixels)
    {
        var g = phantom.Volume.Geometry;
        var position = g.PatientPosition(0, 0, z);
        var ds = new DicomDataset();
        ds.SetString(DicomTags.SopClassUid, DicomVr.UI, CtImageStorage);
        ds.SetString(DicomTags.SopInstanceUid, DicomVr.UI, NewUid());
        ds.SetString(DicomTags.Modality, DicomVr.CS, "CT");
        ds.SetString(DicomTags.ImageType, DicomVr.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.SetString(DicomTags.SeriesDescription, DicomVr.LO, $"Synthetic head phantom ({phantom.Spec.Lesion?.Kind.ToString() ?? "no lesion"})");
        ds.SetString(DicomTags.PatientName, DicomVr.PN, "PHANTOM^HEAD");
        ds.SetString(DicomTags.PatientId, DicomVr.LO, "PHANTOM");
        ds.SetString(DicomTags.StudyInstanceUid, DicomVr.UI, study);
        ds.SetString(DicomTags.SeriesInstanceUid, DicomVr.UI, series);
        ds.SetString(DicomTags.FrameOfReferenceUid, DicomVr.UI, frame);
        ds.SetNumbers(DicomTags.SeriesNumber, DicomVr.IS, 1);
        ds.SetNumbers(DicomTags.InstanceNumber, DicomVr.IS, z + 1);
        ds.SetNumbers(DicomTags.ImagePositionPatient, DicomVr.DS, position.X, position.Y, position.Z);
        ds.SetNumbers(DicomTags.ImageOrientationPatient, DicomVr.DS, 1, 0, 0, 0, 1, 0);
        ds.SetNumbers(DicomTags.PixelSpacing, DicomVr.DS, g.SpacingY, g.SpacingX);
        ds.SetNumbers(DicomTags.SliceThickness, DicomVr.DS, g.SpacingZ);
        ds.SetNumbers(DicomTags.SamplesPerPixel, DicomVr.US, 1);
        ds.SetString(DicomTags.PhotometricInterpretation, DicomVr.CS, "MONOCHROME2");
        ds.SetNumbers(DicomTags.Rows, DicomVr.US, g.SizeY);
        ds.SetNumbers(DicomTags.Columns, DicomVr.US, g.SizeX);
        ds.SetNumbers(DicomTags.BitsAllocated, DicomVr.US, 16);
        ds.SetNumbers(DicomTags.BitsStored, DicomVr.US, 16);
        ds.SetNumbers(DicomTags.HighBit, DicomVr.US, 15);
        ds.SetNumbers(DicomTags.PixelRepresentation, DicomVr.US, 1);
        ds.SetNumbers(DicomTags.RescaleIntercept, DicomVr.DS, RescaleIntercept);
        ds.SetNumbers(DicomTags.RescaleSlope, DicomVr.DS, 1);
        ds.SetBytes(DicomTags.PixelData, DicomVr.OW, pixels);
        return ds;
    }

    /// <summary>A UUID-derived UID (PS3.5 §B.2).</summary>
    private static string NewUid() => "2.25." + new BigInteger(Guid.NewGuid().ToByteArray(), isUnsigned: true);
}
