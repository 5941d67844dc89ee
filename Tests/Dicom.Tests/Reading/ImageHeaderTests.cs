using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Reading;

public class ImageHeaderTests
{
    private const string GeSlice = "series/ct_head_ge_hispeed_gantry_tilt/14.dcm";

    [Fact]
    public void GivenGeHeadCtSlice_WhenHeaderRead_ThenTypedAccessorsMatchManifest()
    {
        var row = Manifest.Row(GeSlice);

        var header = DicomImageHeader.From(CorpusFiles.Read(GeSlice));

        Assert.Equal(int.Parse(row["rows"]), header.Rows);
        Assert.Equal(int.Parse(row["columns"]), header.Columns);
        Assert.Equal(int.Parse(row["bits_allocated"]), header.BitsAllocated);
        Assert.Equal(int.Parse(row["bits_stored"]), header.BitsStored);
        Assert.Equal(int.Parse(row["pixel_representation"]), header.PixelRepresentation);
        Assert.Equal(row["modality"], header.Modality);
        Assert.Equal(double.Parse(row["rescale_intercept"], System.Globalization.CultureInfo.InvariantCulture), header.RescaleIntercept);
        Assert.Equal(row["transfer_syntax_uid"], header.TransferSyntaxUid);
        Assert.Equal(-1500, header.PixelPaddingValue);
        Assert.NotNull(header.ImagePositionPatient);
        Assert.Equal(6, header.ImageOrientationPatient!.Length);
        // Gantry tilt +18.5°: the row direction is x, the column direction leaves the axial plane.
        Assert.InRange(Math.Abs(header.ImageOrientationPatient[5]), 0.3, 0.35);
        Assert.Equal(2, header.PixelSpacing!.Length);
        Assert.StartsWith("1.", header.StudyInstanceUid);
        Assert.NotEqual(header.SeriesInstanceUid, header.SopInstanceUid);
        Assert.NotEmpty(header.ImageType);
        Assert.NotEmpty(header.WindowCenter);
    }

    [Fact]
    public void GivenWholeGeSeries_WhenHeadersRead_ThenAllSlicesShareStudyAndSeries()
    {
        var folder = CorpusFiles.PathOf("series/ct_head_ge_hispeed_gantry_tilt");
        var headers = Directory.GetFiles(folder, "*.dcm").Select(p => DicomImageHeader.From(DicomReader.ReadFile(p))).ToList();

        Assert.Equal(28, headers.Count);
        Assert.Single(headers.Select(h => h.SeriesInstanceUid).Distinct());
        Assert.Equal(headers.Count, headers.Select(h => h.SopInstanceUid).Distinct().Count());
        Assert.Equal(headers.Count, headers.Select(h => h.InstanceNumber).Distinct().Count());
    }
}
