namespace HeadCt.Processor.DicomResults;

/// <summary>
/// One DICOM object written for a study's result, as listed in its result document and by <c>GET /results/{id}/dicom</c>:
/// <c>name</c> (<c>sr</c>, <c>key-image-1</c>…, <c>segmentation</c>), modality, SOP class and instance, its series,
/// size, and the link that downloads it as <c>application/dicom</c>.
/// </summary>
public sealed record DicomObjectRecord(
    string Name, string Modality, string SopClassUid, string SopInstanceUid, string SeriesInstanceUid, string SeriesDescription, long Bytes,
    string Link)
{
    public static DicomObjectRecord From(string studyId, ResultObject item) => new(
        item.Name, item.Modality, item.SopClassUid, item.SopInstanceUid, item.SeriesInstanceUid, item.SeriesDescription,
        item.Bytes.LongLength, $"/results/{studyId}/dicom/{item.SopInstanceUid}");
}
