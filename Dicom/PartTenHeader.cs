namespace HeadCt.Dicom;

/// <summary>
/// The head of a Part 10 file (PS3.10 §7.1): its File Meta Information, the transfer syntax it names and where the
/// data set starts, so the data set bytes can be passed on unchanged (e.g. sent over the network).
/// </summary>
public sealed record PartTenHeader(DicomDataset FileMetaInformation, TransferSyntax TransferSyntax, int DatasetOffset)
{
    public string? SopClassUid => FileMetaInformation.GetString(DicomTags.MediaStorageSopClassUid);

    public string? SopInstanceUid => FileMetaInformation.GetString(DicomTags.MediaStorageSopInstanceUid);
}
