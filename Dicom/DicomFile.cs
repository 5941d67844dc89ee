namespace HeadCt.Dicom;

/// <summary>A DICOM file (PS3.10 §7): File Meta Information, the data set and the transfer syntax it is encoded in.</summary>
public sealed class DicomFile
{
    public DicomFile(DicomDataset fileMetaInformation, DicomDataset dataset, TransferSyntax transferSyntax)
        : this(fileMetaInformation, dataset, transferSyntax, false)
    {
    }

    internal DicomFile(DicomDataset fileMetaInformation, DicomDataset dataset, TransferSyntax transferSyntax, bool stoppedBeforePixelData)
    {
        FileMetaInformation = fileMetaInformation;
        Dataset = dataset;
        TransferSyntax = transferSyntax;
        StoppedBeforePixelData = stoppedBeforePixelData;
    }

    /// <summary>Group 0002 elements; empty when the file has none.</summary>
    public DicomDataset FileMetaInformation { get; }

    public DicomDataset Dataset { get; }

    public TransferSyntax TransferSyntax { get; }

    /// <summary>
    /// True when a header-only read (<see cref="DicomReadOptions.StopBeforePixelData"/>) met the pixel data element and
    /// stopped there; false when the input ended first (a file without pixel data, or an input cut at an element boundary).
    /// </summary>
    public bool StoppedBeforePixelData { get; }
}
