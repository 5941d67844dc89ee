using HeadCt.Dicom;
using HeadCt.Processor.Attention;

namespace HeadCt.Processor.DicomResults;

/// <summary>
/// Writes the DICOM objects of one study's result, each a new series of the source study: the SR always; for an
/// evaluated study with attention, the key images (Secondary Capture) and the attention Segmentation too.
/// </summary>
public static class ResultObjectWriter
{
    /// <summary>Series numbers of our series, high enough to sort after the scanner's.</summary>
    public const int SrSeriesNumber = 9901, KeyImageSeriesNumber = 9902, SegmentationSeriesNumber = 9903;

    /// <summary>At most this many key slices become key images.</summary>
    public const int MaxKeyImages = 3;

    public static IReadOnlyList<ResultObject> Write(ResultObjectRequest request, AttentionRenderer? attention)
    {
        var objects = new List<ResultObject>();
        var sr = Series(request, "sr", SrSeriesNumber, "SR", $"AI result: {request.Model.Name} {request.Model.Version}");
        objects.Add(ResultObject.From("sr", sr, MeasurementReportWriter.Write(request, sr, Uid(request, "sr"))));
        if (!request.Evaluated || attention is null)
            return objects;

        var keys = Series(request, "sc", KeyImageSeriesNumber, "OT", $"AI key images: {request.Model.Name}");
        foreach (var (slice, index) in request.KeySlices.Take(MaxKeyImages).Select((slice, index) => (slice, index)))
        {
            objects.Add(ResultObject.From($"key-image-{index + 1}", keys,
                KeyImageWriter.Write(request, attention, keys, Uid(request, $"sc/{index + 1}"), index, slice)));
        }

        var seg = Series(request, "seg", SegmentationSeriesNumber, "SEG", $"AI attention: {request.Model.Name}");
        if (SegmentationWriter.Write(request, attention.AttentionVolume, seg, Uid(request, "seg")) is { } segmentation)
            objects.Add(ResultObject.From("segmentation", seg, segmentation));
        return objects;
    }

    private static ResultSeries Series(ResultObjectRequest request, string role, int number, string modality, string description) =>
        new(Uid(request, "series/" + role), number, modality, ResultDataset.Truncate(description, 64));

    private static string Uid(ResultObjectRequest request, string role) => ResultUids.For(request.StudyId, request.Model.Sha256, role);
}

/// <summary>One written object: what it is, where it belongs, and its Part 10 bytes.</summary>
public sealed record ResultObject(
    string Name, string Modality, string SopClassUid, string SopInstanceUid, string SeriesInstanceUid, string SeriesDescription, byte[] Bytes)
{
    public static ResultObject From(string name, ResultSeries series, DicomFile file) => new(
        name, series.Modality, file.Dataset.GetString(DicomTags.SopClassUid)!, file.Dataset.GetString(DicomTags.SopInstanceUid)!,
        series.SeriesInstanceUid, series.Description, DicomWriter.ToBytes(file, TransferSyntax.ExplicitVrLittleEndian));
}
