using HeadCt.Dicom;

namespace HeadCt.Dimse.Tests.Support;

/// <summary>Data set bytes of Part 10 files: what follows the File Meta Information.</summary>
public static class DataSets
{
    public static byte[] Of(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return bytes[DicomReader.ReadPartTenHeader(bytes, true).DatasetOffset..];
    }

    /// <summary>By SOP Instance UID, of every file in a folder (ignoring *.partial).</summary>
    public static Dictionary<string, byte[]> InFolder(string folder) => HeadCt.DicomPeers.Storescp.DataSetsIn(folder);

    public static string SopInstanceUidOf(string path) =>
        DicomReader.ReadPartTenHeader(File.ReadAllBytes(path), true).SopInstanceUid!;
}
