namespace HeadCt.Dicom;

/// <summary>
/// The attributes of an image instance the pipeline needs, typed (PS3.3 C.7.6.1–3, C.11.1–2).
/// Absent numbers take the value the standard implies (SamplesPerPixel 1, NumberOfFrames 1, RescaleSlope 1) or 0.
/// </summary>
public sealed record DicomImageHeader
{
    public string? StudyInstanceUid { get; init; }
    public string? SeriesInstanceUid { get; init; }
    public string? SopInstanceUid { get; init; }
    public string? SopClassUid { get; init; }
    public string? Modality { get; init; }
    public string[] ImageType { get; init; } = [];
    public double[]? ImagePositionPatient { get; init; }
    public double[]? ImageOrientationPatient { get; init; }
    public double[]? PixelSpacing { get; init; }
    public double? SliceThickness { get; init; }
    public int Rows { get; init; }
    public int Columns { get; init; }
    public int BitsAllocated { get; init; }
    public int BitsStored { get; init; }
    public int HighBit { get; init; }
    public int PixelRepresentation { get; init; }
    public int SamplesPerPixel { get; init; } = 1;
    public string? PhotometricInterpretation { get; init; }
    public int PlanarConfiguration { get; init; }
    public int NumberOfFrames { get; init; } = 1;
    public double RescaleSlope { get; init; } = 1;
    public double RescaleIntercept { get; init; }
    public double[] WindowCenter { get; init; } = [];
    public double[] WindowWidth { get; init; } = [];
    public int? PixelPaddingValue { get; init; }
    public int? InstanceNumber { get; init; }
    public int? AcquisitionNumber { get; init; }
    public string? SeriesDescription { get; init; }
    public string TransferSyntaxUid { get; init; } = TransferSyntax.ImplicitVrLittleEndian.Uid;

    public bool IsSigned => PixelRepresentation == 1;

    public static DicomImageHeader From(DicomFile file)
    {
        var ds = file.Dataset;
        var bitsAllocated = ds.GetInt32(DicomTags.BitsAllocated) ?? 0;
        var bitsStored = ds.GetInt32(DicomTags.BitsStored) ?? bitsAllocated;
        var pixelRepresentation = ds.GetInt32(DicomTags.PixelRepresentation) ?? 0;
        return new DicomImageHeader
        {
            StudyInstanceUid = ds.GetString(DicomTags.StudyInstanceUid),
            SeriesInstanceUid = ds.GetString(DicomTags.SeriesInstanceUid),
            SopInstanceUid = ds.GetString(DicomTags.SopInstanceUid),
            SopClassUid = ds.GetString(DicomTags.SopClassUid),
            Modality = ds.GetString(DicomTags.Modality),
            ImageType = ds.GetStrings(DicomTags.ImageType),
            ImagePositionPatient = Vector(ds, DicomTags.ImagePositionPatient, 3),
            ImageOrientationPatient = Vector(ds, DicomTags.ImageOrientationPatient, 6),
            PixelSpacing = Vector(ds, DicomTags.PixelSpacing, 2),
            SliceThickness = ds.GetDouble(DicomTags.SliceThickness),
            Rows = ds.GetInt32(DicomTags.Rows) ?? 0,
            Columns = ds.GetInt32(DicomTags.Columns) ?? 0,
            BitsAllocated = bitsAllocated,
            BitsStored = bitsStored,
            HighBit = ds.GetInt32(DicomTags.HighBit) ?? Math.Max(0, bitsStored - 1),
            PixelRepresentation = pixelRepresentation,
            SamplesPerPixel = ds.GetInt32(DicomTags.SamplesPerPixel) ?? 1,
            PhotometricInterpretation = ds.GetString(DicomTags.PhotometricInterpretation),
            PlanarConfiguration = ds.GetInt32(DicomTags.PlanarConfiguration) ?? 0,
            NumberOfFrames = ds.GetInt32(DicomTags.NumberOfFrames) ?? 1,
            RescaleSlope = ds.GetDouble(DicomTags.RescaleSlope) ?? 1,
            RescaleIntercept = ds.GetDouble(DicomTags.RescaleIntercept) ?? 0,
            WindowCenter = ds.GetDoubles(DicomTags.WindowCenter),
            WindowWidth = ds.GetDoubles(DicomTags.WindowWidth),
            PixelPaddingValue = PaddingValue(ds, pixelRepresentation),
            InstanceNumber = ds.GetInt32(DicomTags.InstanceNumber),
            AcquisitionNumber = ds.GetInt32(DicomTags.AcquisitionNumber),
            SeriesDescription = ds.GetString(DicomTags.SeriesDescription),
            TransferSyntaxUid = file.TransferSyntax.Uid,
        };
    }

    private static double[]? Vector(DicomDataset ds, DicomTag tag, int length)
    {
        var values = ds.GetDoubles(tag);
        return values.Length >= length ? values : null;
    }

    /// <summary>Pixel Padding Value is US or SS as Pixel Representation says (PS3.3 C.7.5.1.1.2); a US read of a signed value is reinterpreted.</summary>
    private static int? PaddingValue(DicomDataset ds, int pixelRepresentation)
    {
        var element = ds.Find(DicomTags.PixelPaddingValue);
        if (element is null || ds.GetInt32(DicomTags.PixelPaddingValue) is not { } value)
            return null;
        return pixelRepresentation == 1 && element.Vr == DicomVr.US ? (short)(ushort)value : value;
    }
}
