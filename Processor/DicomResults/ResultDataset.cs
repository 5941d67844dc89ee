using System.Buffers.Binary;
using System.Globalization;
using HeadCt.Dicom;

namespace HeadCt.Processor.DicomResults;

/// <summary>
/// The modules every result object shares: SOP Common, the copied Patient and General Study attributes, a new General
/// Series in the source study, General Equipment naming us and the model, and helpers for codes and references.
/// </summary>
public static class ResultDataset
{
    public const string Manufacturer = "HeadCt DSS";

    /// <summary>A data set with the shared modules filled; the caller adds the modules of its IOD.</summary>
    public static DicomDataset Start(ResultObjectRequest request, ResultSeries series, string sopClassUid, string sopInstanceUid, int instanceNumber)
    {
        var source = request.Source;
        var ds = new DicomDataset();
        foreach (var element in source.Copied)
            ds.Set(element);
        var (date, time) = DateTimeOf(request.ContentTime);
        ds.SetString(DicomTags.InstanceCreationDate, DicomVr.DA, date);
        ds.SetString(DicomTags.InstanceCreationTime, DicomVr.TM, time);
        ds.SetString(DicomTags.SopClassUid, DicomVr.UI, sopClassUid);
        ds.SetString(DicomTags.SopInstanceUid, DicomVr.UI, sopInstanceUid);
        ds.SetString(DicomTags.SeriesDate, DicomVr.DA, date);
        ds.SetString(DicomTags.SeriesTime, DicomVr.TM, time);
        ds.SetString(DicomTags.ContentDate, DicomVr.DA, date);
        ds.SetString(DicomTags.ContentTime, DicomVr.TM, time);
        ds.SetString(DicomTags.Modality, DicomVr.CS, series.Modality);
        ds.SetString(DicomTags.Manufacturer, DicomVr.LO, Manufacturer);
        ds.SetString(DicomTags.SeriesDescription, DicomVr.LO, series.Description);
        ds.SetString(DicomTags.ManufacturerModelName, DicomVr.LO, Truncate(request.Model.Name, 64));
        ds.SetString(DicomTags.SoftwareVersions, DicomVr.LO, Truncate(request.Model.Version, 64));
        ds.SetString(DicomTags.SeriesInstanceUid, DicomVr.UI, series.SeriesInstanceUid);
        ds.SetNumbers(DicomTags.SeriesNumber, DicomVr.IS, series.Number);
        ds.SetNumbers(DicomTags.InstanceNumber, DicomVr.IS, instanceNumber);
        return ds;
    }

    public static void SetFrameOfReference(DicomDataset ds, SourceStudy source)
    {
        if (source.FrameOfReferenceUid is { } frame)
        {
            ds.SetString(DicomTags.FrameOfReferenceUid, DicomVr.UI, frame);
            ds.SetBytes(DicomTags.PositionReferenceIndicator, DicomVr.LO, ReadOnlyMemory<byte>.Empty);
        }
    }

    public static DicomDataset Code(CodedConcept concept)
    {
        var item = new DicomDataset();
        item.SetString(DicomTags.CodeValue, DicomVr.SH, concept.Value);
        item.SetString(DicomTags.CodingSchemeDesignator, DicomVr.SH, concept.Scheme);
        item.SetString(DicomTags.CodeMeaning, DicomVr.LO, concept.Meaning);
        return item;
    }

    /// <summary>A Source Image / Referenced Image item: the instance, and why it is referenced.</summary>
    public static DicomDataset ImageReference(SourceInstance instance, bool withPurpose)
    {
        var item = new DicomDataset();
        item.SetString(DicomTags.ReferencedSopClassUid, DicomVr.UI, instance.SopClassUid);
        item.SetString(DicomTags.ReferencedSopInstanceUid, DicomVr.UI, instance.SopInstanceUid);
        if (withPurpose)
            item.SetSequence(DicomTags.PurposeOfReferenceCodeSequence, [Code(ResultCodes.SourceImageForProcessing)]);
        return item;
    }

    /// <summary>Referenced Series Sequence (Common Instance Reference module, PS3.3 C.12.2): every analysed instance.</summary>
    public static DicomDataset ReferencedSeries(SourceStudy source)
    {
        var series = new DicomDataset();
        series.SetSequence(DicomTags.ReferencedInstanceSequence, source.Instances.Select(instance => ImageReference(instance, false)));
        series.SetString(DicomTags.SeriesInstanceUid, DicomVr.UI, source.SeriesInstanceUid);
        return series;
    }

    public static (string Date, string Time) DateTimeOf(DateTimeOffset moment)
    {
        var utc = moment.UtcDateTime;
        return (utc.ToString("yyyyMMdd", CultureInfo.InvariantCulture), utc.ToString("HHmmss", CultureInfo.InvariantCulture));
    }

    /// <summary>An AT value (group then element, little endian).</summary>
    public static byte[] AttributeTag(DicomTag tag)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, tag.Group);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), tag.Element);
        return bytes;
    }

    public static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>A series we add to the source study.</summary>
public sealed record ResultSeries(string SeriesInstanceUid, int Number, string Modality, string Description);
