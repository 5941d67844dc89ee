using System.IO.Compression;
using System.Text;
using HeadCt.Dicom;

namespace HeadCt.Gateway.Fuzz;

/// <summary>
/// Seed uploads built in memory (nothing is read from disk or committed): multipart bodies with small synthetic CT
/// slices as plain parts, stored and deflated zips of them, a zip inside a non-file field, and non-DICOM parts.
/// </summary>
internal static class UploadSeeds
{
    public static IReadOnlyList<(string Name, byte[] Body)> All()
    {
        var slices = Enumerable.Range(0, 3).Select(Slice).ToArray();
        return
        [
            ("one-slice", Body(("files", "a.dcm", slices[0]))),
            ("three-slices", Body(("files", "a.dcm", slices[0]), ("files", "b.dcm", slices[1]), ("files", "c.dcm", slices[2]))),
            ("stored-zip", Body(("files", "s.zip", Zip(CompressionLevel.NoCompression, slices)))),
            ("deflated-zip", Body(("files", "d.zip", Zip(CompressionLevel.Optimal, slices)))),
            ("zip-and-text", Body(("files", "d.zip", Zip(CompressionLevel.Fastest, slices[..2])), ("files", "notes.txt", "no image here"u8.ToArray()))),
            ("wrong-field", Body(("other", "a.dcm", slices[0]), ("files", "b.dcm", slices[1]))),
            ("nested-folders-zip", Body(("files", "n.zip", Zip(CompressionLevel.Optimal, slices, "series/1/")))),
        ];
    }

    /// <summary>A 16×16 signed 16-bit CT slice with geometry: small enough for thousands of executions a second.</summary>
    private static byte[] Slice(int index)
    {
        var ds = new DicomDataset();
        ds.SetString(DicomTags.SopClassUid, DicomVr.UI, "1.2.840.10008.5.1.4.1.1.2");
        ds.SetString(DicomTags.SopInstanceUid, DicomVr.UI, $"2.25.{1000 + index}");
        ds.SetString(DicomTags.StudyInstanceUid, DicomVr.UI, "2.25.77");
        ds.SetString(DicomTags.SeriesInstanceUid, DicomVr.UI, "2.25.78");
        ds.SetString(DicomTags.Modality, DicomVr.CS, "CT");
        ds.SetString(DicomTags.ImagePositionPatient, DicomVr.DS, "0", "0", (index * 5).ToString(System.Globalization.CultureInfo.InvariantCulture));
        ds.SetString(DicomTags.ImageOrientationPatient, DicomVr.DS, "1", "0", "0", "0", "1", "0");
        ds.SetString(DicomTags.PixelSpacing, DicomVr.DS, "0.5", "0.5");
        ds.SetNumbers(DicomTags.SamplesPerPixel, DicomVr.US, 1);
        ds.SetString(DicomTags.PhotometricInterpretation, DicomVr.CS, "MONOCHROME2");
        ds.SetNumbers(DicomTags.Rows, DicomVr.US, 16);
        ds.SetNumbers(DicomTags.Columns, DicomVr.US, 16);
        ds.SetNumbers(DicomTags.BitsAllocated, DicomVr.US, 16);
        ds.SetNumbers(DicomTags.BitsStored, DicomVr.US, 16);
        ds.SetNumbers(DicomTags.HighBit, DicomVr.US, 15);
        ds.SetNumbers(DicomTags.PixelRepresentation, DicomVr.US, 1);
        ds.SetBytes(DicomTags.PixelData, DicomVr.OW, new byte[16 * 16 * 2]);
        return DicomWriter.ToBytes(new DicomFile(new DicomDataset(), ds, TransferSyntax.ExplicitVrLittleEndian), TransferSyntax.ExplicitVrLittleEndian);
    }

    private static byte[] Zip(CompressionLevel level, byte[][] files, string folder = "")
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < files.Length; i++)
            {
                using var entry = archive.CreateEntry($"{folder}{i}.dcm", level).Open();
                entry.Write(files[i]);
            }
        }

        return buffer.ToArray();
    }

    private static byte[] Body(params (string Field, string FileName, byte[] Content)[] parts)
    {
        using var body = new MemoryStream();
        foreach (var (field, fileName, content) in parts)
        {
            body.Write(Encoding.ASCII.GetBytes(
                $"--{UploadTarget.Boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{fileName}\"\r\n" +
                "Content-Type: application/octet-stream\r\n\r\n"));
            body.Write(content);
            body.Write("\r\n"u8);
        }

        body.Write(Encoding.ASCII.GetBytes($"--{UploadTarget.Boundary}--\r\n"));
        return body.ToArray();
    }
}
