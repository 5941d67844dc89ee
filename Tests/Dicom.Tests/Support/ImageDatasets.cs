namespace HeadCt.Dicom.Tests.Support;

/// <summary>Small in-memory images with an Image Pixel module (PS3.3 C.7.6.3) for pixel decoding tests.</summary>
public static class ImageDatasets
{
    public static DicomDataset Image(int rows, int columns, int bitsAllocated, int bitsStored, bool signed,
        int samples = 1, int planar = 0, int frames = 1, string? photometric = null)
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTags.SopClassUid, DicomVr.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.SetString(DicomTags.SopInstanceUid, DicomVr.UI, "1.2.826.0.1.3680043.2.1125.1");
        ds.SetNumbers(DicomTags.SamplesPerPixel, DicomVr.US, samples);
        ds.SetString(DicomTags.PhotometricInterpretation, DicomVr.CS, photometric ?? (samples == 1 ? "MONOCHROME2" : "RGB"));
        if (samples > 1)
            ds.SetNumbers(DicomTags.PlanarConfiguration, DicomVr.US, planar);
        ds.SetNumbers(DicomTags.NumberOfFrames, DicomVr.IS, frames);
        ds.SetNumbers(DicomTags.Rows, DicomVr.US, rows);
        ds.SetNumbers(DicomTags.Columns, DicomVr.US, columns);
        ds.SetNumbers(DicomTags.BitsAllocated, DicomVr.US, bitsAllocated);
        ds.SetNumbers(DicomTags.BitsStored, DicomVr.US, bitsStored);
        ds.SetNumbers(DicomTags.HighBit, DicomVr.US, bitsStored - 1);
        ds.SetNumbers(DicomTags.PixelRepresentation, DicomVr.US, signed ? 1 : 0);
        return ds;
    }

    public static DicomFile Native(DicomDataset ds, byte[] pixels, DicomVr? vr = null)
    {
        ds.SetBytes(DicomTags.PixelData, vr ?? (ds.GetInt32(DicomTags.BitsAllocated) > 8 ? DicomVr.OW : DicomVr.OB), pixels);
        return new DicomFile(new DicomDataset(), ds, TransferSyntax.ExplicitVrLittleEndian);
    }
}
