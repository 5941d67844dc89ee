using HeadCt.Dicom;
using HeadCt.StudyIndex.Attributes;

namespace HeadCt.StudyIndex.Writing;

/// <summary>One stored instance blob as the index keeps it: its attributes at every level and its header.</summary>
public sealed record IndexedInstance
{
    public required int BlobNumber { get; init; }
    public required string SopInstanceUid { get; init; }
    public string? SopClassUid { get; init; }
    public int? InstanceNumber { get; init; }
    public int? Rows { get; init; }
    public int? Columns { get; init; }
    public int? BitsAllocated { get; init; }
    public int? NumberOfFrames { get; init; }
    public required string TransferSyntaxUid { get; init; }
    public bool HasPixelData { get; init; }
    public required string SeriesInstanceUid { get; init; }
    public string? Modality { get; init; }
    public int? SeriesNumber { get; init; }
    public string? SeriesDescription { get; init; }
    public string? PerformedProcedureStepStartDate { get; init; }
    public string? PerformedProcedureStepStartTime { get; init; }
    public required string StudyInstanceUid { get; init; }
    public string? StudyDate { get; init; }
    public string? StudyTime { get; init; }
    public string? AccessionNumber { get; init; }
    public string? ReferringPhysicianName { get; init; }
    public string? StudyDescription { get; init; }
    public string? StudyIdDicom { get; init; }
    public string? PatientName { get; init; }
    public string? PatientId { get; init; }
    public string? PatientBirthDate { get; init; }
    public string? PatientSex { get; init; }
    public string? SpecificCharacterSet { get; init; }

    /// <summary>The data set without pixel data, as Explicit VR Little Endian Part 10 bytes.</summary>
    public required byte[] Header { get; init; }

    /// <summary>The instance's attributes from a header-only read; null when it lacks the UIDs the index is keyed by.</summary>
    public static IndexedInstance? From(int blobNumber, DicomFile header, ReadOnlyMemory<byte> rawPrefix)
    {
        var ds = header.Dataset;
        var sop = ds.GetString(DicomTags.SopInstanceUid);
        var series = ds.GetString(DicomTags.SeriesInstanceUid);
        var study = ds.GetString(DicomTags.StudyInstanceUid);
        if (string.IsNullOrEmpty(sop) || string.IsNullOrEmpty(series) || string.IsNullOrEmpty(study))
        {
            return null;
        }

        return new IndexedInstance
        {
            BlobNumber = blobNumber,
            SopInstanceUid = sop,
            SopClassUid = Text(ds, DicomTags.SopClassUid),
            InstanceNumber = ds.GetInt32(DicomTags.InstanceNumber),
            Rows = ds.GetInt32(DicomTags.Rows),
            Columns = ds.GetInt32(DicomTags.Columns),
            BitsAllocated = ds.GetInt32(DicomTags.BitsAllocated),
            NumberOfFrames = ds.GetInt32(DicomTags.NumberOfFrames) ?? (header.StoppedBeforePixelData ? 1 : null),
            TransferSyntaxUid = header.TransferSyntax.Uid,
            HasPixelData = header.StoppedBeforePixelData,
            SeriesInstanceUid = series,
            Modality = Text(ds, DicomTags.Modality),
            SeriesNumber = ds.GetInt32(DicomTags.SeriesNumber),
            SeriesDescription = Text(ds, DicomTags.SeriesDescription),
            PerformedProcedureStepStartDate = DicomDateTimeText.NormalizeDate(ds.GetString(IndexedAttributes.PerformedProcedureStepStartDate.Tag)),
            PerformedProcedureStepStartTime = DicomDateTimeText.NormalizeTime(ds.GetString(IndexedAttributes.PerformedProcedureStepStartTime.Tag)),
            StudyInstanceUid = study,
            StudyDate = DicomDateTimeText.NormalizeDate(ds.GetString(DicomTags.StudyDate)),
            StudyTime = DicomDateTimeText.NormalizeTime(ds.GetString(DicomTags.StudyTime)),
            AccessionNumber = Text(ds, DicomTags.AccessionNumber),
            ReferringPhysicianName = Text(ds, DicomTags.ReferringPhysicianName),
            StudyDescription = Text(ds, DicomTags.StudyDescription),
            StudyIdDicom = Text(ds, DicomTags.StudyId),
            PatientName = Text(ds, DicomTags.PatientName),
            PatientId = Text(ds, DicomTags.PatientId),
            PatientBirthDate = DicomDateTimeText.NormalizeDate(ds.GetString(DicomTags.PatientBirthDate)),
            PatientSex = Text(ds, DicomTags.PatientSex),
            SpecificCharacterSet = ds.Find(DicomTags.SpecificCharacterSet) is null ? null : string.Join('\\', ds.GetStrings(DicomTags.SpecificCharacterSet)),
            Header = Encode(header, rawPrefix),
        };
    }

    /// <summary>
    /// Re-encoded without pixel data so it is small and complete; a data set the writer refuses (no SOP Class UID) is
    /// kept as the bytes read, which a header-only read parses the same way.
    /// </summary>
    private static byte[] Encode(DicomFile header, ReadOnlyMemory<byte> rawPrefix)
    {
        try
        {
            return DicomWriter.ToBytes(new DicomFile(header.FileMetaInformation, header.Dataset, TransferSyntax.ExplicitVrLittleEndian),
                TransferSyntax.ExplicitVrLittleEndian);
        }
        catch (DicomException)
        {
            return rawPrefix.ToArray();
        }
    }

    private static string? Text(DicomDataset ds, DicomTag tag) => ds.GetString(tag) is { Length: > 0 } value ? value : null;
}
