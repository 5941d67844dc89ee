namespace HeadCt.Dicom;

/// <summary>A DICOM file (PS3.10 §7): File Meta Information, the data set and the transfer syntax it is encoded in.</summary>
public sealed class DicomFile
{
    public DicomFile(DicomDataset fileMetaInformation, DicomDataset dataset, TransferSyntax transferSyntax)
    {
        FileMetaInformation = fileMetaInformation;
        Dataset = dataset;
        TransferSyntax = transferSyntax;
    }

    /// <summary>Group 0002 elements; empty when the file has none.</summary>
    public DicomDataset FileMetaInformation { get; }

    public DicomDataset Dataset { get; }

    public TransferSyntax TransferSyntax { get; }
}
