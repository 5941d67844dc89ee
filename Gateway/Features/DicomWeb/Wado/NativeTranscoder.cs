using HeadCt.Dicom;
using HeadCt.Dicom.Pixels;

namespace HeadCt.Gateway.Features.DicomWeb.Wado;

/// <summary>
/// An instance rewritten in Explicit VR Little Endian, the default syntax of application/dicom (PS3.18 §8.7.3.5.2):
/// native data sets are re-encoded; encapsulated pixel data is decoded by our codecs first (colour decoded from YBR
/// comes out as RGB, interleaved).
/// </summary>
public static class NativeTranscoder
{
    public static byte[] ToExplicitLittleEndian(byte[] stored)
    {
        var file = DicomReader.Read(stored);
        if (file.TransferSyntax == TransferSyntax.ExplicitVrLittleEndian)
        {
            return stored;
        }

        var dataset = file.Dataset;
        if (dataset.Find(DicomTags.PixelData) is { Fragments: not null })
        {
            var pixels = PixelDataDecoder.Decode(file);
            dataset.SetBytes(DicomTags.PixelData, pixels.Info.BitsAllocated > 8 ? DicomVr.OW : DicomVr.OB, pixels.Bytes);
            if (pixels.Info.SamplesPerPixel == 3)
            {
                dataset.SetString(DicomTags.PhotometricInterpretation, DicomVr.CS, "RGB");
                dataset.SetNumbers(DicomTags.PlanarConfiguration, DicomVr.US, 0);
            }

            dataset.Remove(DicomTags.ExtendedOffsetTable);
            dataset.Remove(DicomTags.ExtendedOffsetTableLengths);
        }

        return DicomWriter.ToBytes(new DicomFile(file.FileMetaInformation, dataset, TransferSyntax.ExplicitVrLittleEndian),
            TransferSyntax.ExplicitVrLittleEndian);
    }
}
