namespace HeadCt.Dicom.Bench;

/// <summary>
/// The corpus folders measured. The GE head series (28 slices, 512×512, signed 16-bit) exists in every transfer
/// syntax, so the decode figures of the families compare the same images.
/// </summary>
internal static class CorpusSeries
{
    public static string FolderOf(SeriesEncoding encoding) => encoding switch
    {
        SeriesEncoding.ExplicitLittleEndian => "series/ct_head_ge_hispeed_gantry_tilt",
        SeriesEncoding.ImplicitLittleEndian => "derived/ct_series_ge_head/implicit_le",
        SeriesEncoding.ExplicitBigEndian => "derived/ct_series_ge_head/explicit_be",
        SeriesEncoding.Deflated => "derived/ct_series_ge_head/deflated",
        SeriesEncoding.Rle => "derived/ct_series_ge_head/rle_dcmtk",
        SeriesEncoding.JpegLossless => "derived/ct_series_ge_head/jpeg_lossless_sv1_dcmtk",
        SeriesEncoding.JpegLs => "derived/ct_series_ge_head/jpegls_lossless_dcmtk",
        SeriesEncoding.JpegBaseline => "derived/ct_series_ge_head/jpeg_baseline_8bit_windowed",
        SeriesEncoding.ToshibaJpegLossless => "series/ct_head_toshiba_aquilion_axial_brain",
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null),
    };

    public static byte[][] LoadBytes(SeriesEncoding encoding)
    {
        var paths = CorpusLocator.FilesIn(FolderOf(encoding));
        var files = new byte[paths.Length][];
        for (var i = 0; i < paths.Length; i++)
            files[i] = File.ReadAllBytes(paths[i]);
        return files;
    }
}

public enum SeriesEncoding
{
    ExplicitLittleEndian,
    ImplicitLittleEndian,
    ExplicitBigEndian,
    Deflated,
    Rle,
    JpegLossless,
    JpegLs,
    JpegBaseline,
    /// <summary>The Toshiba head series as its scanner stored it (JPEG lossless SV1), a second real-world header layout.</summary>
    ToshibaJpegLossless,
}
