using System.Globalization;
using HeadCt.Dicom;
using HeadCt.Processor.Attention;

namespace HeadCt.Processor.DicomResults;

/// <summary>
/// A key slice as a Secondary Capture image (PS3.3 A.8.1): the axial slice in the brain window with the attention heat
/// map blended in, as the viewer shows it, and a legend band below it (model, probability, "DEMONSTRATOR - NOT FOR
/// DIAGNOSIS" when the model says so). Burned In Annotation YES; the source slice is its Source Image.
/// </summary>
public static class KeyImageWriter
{
    public const string SopClassUid = "1.2.840.10008.5.1.4.1.1.7";

    public static DicomFile Write(
        ResultObjectRequest request, AttentionRenderer attention, ResultSeries series, string sopInstanceUid, int keyIndex, int slice)
    {
        var (rgba, width, height) = attention.OverlayPixels(slice);
        var (rgb, rows) = LegendPainter.Compose(rgba, width, height, Legend(request, keyIndex, slice, attention.SliceCount));
        var ds = ResultDataset.Start(request, series, SopClassUid, sopInstanceUid, keyIndex + 1);
        ds.SetString(DicomTags.ImageType, DicomVr.CS, "DERIVED", "SECONDARY");
        ds.SetString(DicomTags.ConversionType, DicomVr.CS, "WSD");
        ds.SetBytes(DicomTags.Laterality, DicomVr.CS, ReadOnlyMemory<byte>.Empty);
        ds.SetString(DicomTags.PatientOrientation, DicomVr.CS, "L", "P");
        ds.SetString(DicomTags.BurnedInAnnotation, DicomVr.CS, "YES");
        ds.SetString(DicomTags.DerivationDescription, DicomVr.ST,
            $"Axial slice {slice + 1} of {attention.SliceCount} in the brain window (W80 L40), resampled to square pixels, with the attention of {request.Model.Name} {request.Model.Version} blended in (scaled to the study's peak); legend burned in below the image.");
        if (attention.SlicePosition(slice) is { } position && request.Source.Nearest(position.Point, position.Normal) is { } source)
            ds.SetSequence(DicomTags.SourceImageSequence, [ResultDataset.ImageReference(source, true)]);

        ds.SetNumbers(DicomTags.SamplesPerPixel, DicomVr.US, 3);
        ds.SetString(DicomTags.PhotometricInterpretation, DicomVr.CS, "RGB");
        ds.SetNumbers(DicomTags.PlanarConfiguration, DicomVr.US, 0);
        ds.SetNumbers(DicomTags.Rows, DicomVr.US, rows);
        ds.SetNumbers(DicomTags.Columns, DicomVr.US, width);
        ds.SetNumbers(DicomTags.BitsAllocated, DicomVr.US, 8);
        ds.SetNumbers(DicomTags.BitsStored, DicomVr.US, 8);
        ds.SetNumbers(DicomTags.HighBit, DicomVr.US, 7);
        ds.SetNumbers(DicomTags.PixelRepresentation, DicomVr.US, 0);
        ds.SetString(DicomTags.LossyImageCompression, DicomVr.CS, "00");
        ds.SetBytes(DicomTags.PixelData, DicomVr.OB, rgb);
        return new DicomFile(new DicomDataset(), ds, TransferSyntax.ExplicitVrLittleEndian);
    }

    /// <summary>The legend lines, upper case (the burned-in font has no lower case).</summary>
    public static IReadOnlyList<string> Legend(ResultObjectRequest request, int keyIndex, int slice, int sliceCount)
    {
        var finding = request.Finding;
        var lines = new List<string> { $"{request.Model.Name} {request.Model.Version}" };
        lines.Add(finding.Probability is { } p
            ? string.Create(CultureInfo.InvariantCulture,
                $"ICH probability {p:0.00} (threshold {finding.DecisionThreshold:0.00}): {(finding.Positive == true ? "positive" : "negative")}")
            : "ICH: not applicable");
        lines.Add($"Key image {keyIndex + 1}, slice {slice + 1}/{sliceCount}: model attention");
        if (request.Model.IsDemonstrator)
            lines.Add("DEMONSTRATOR - not for diagnosis");
        return [.. lines.Select(line => line.ToUpperInvariant())];
    }
}
