using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Reading;

/// <summary>The same NEMA CT1 image stored in each native syntax must read to the same header values.</summary>
public class TransferSyntaxFamilyTests
{
    [Theory]
    [InlineData("syntaxes/implicit_le/CT1_UNC.implicit_little_endian.dcm", "1.2.840.10008.1.2")]
    [InlineData("syntaxes/explicit_le/CT1_UNC.explicit_little_endian.dcm", "1.2.840.10008.1.2.1")]
    [InlineData("syntaxes/explicit_be/CT1_UNC.explicit_big_endian.dcm", "1.2.840.10008.1.2.2")]
    public void GivenCt1InEachNativeSyntax_WhenRead_ThenHeaderMatchesManifest(string path, string syntaxUid)
    {
        var file = CorpusFiles.Read(path);
        var header = DicomImageHeader.From(file);

        Assert.Equal(syntaxUid, file.TransferSyntax.Uid);
        Assert.Equal(512, header.Rows);
        Assert.Equal(512, header.Columns);
        Assert.Equal(16, header.BitsAllocated);
        Assert.Equal("MONOCHROME2", header.PhotometricInterpretation);
        Assert.Equal("CT", header.Modality);
        Assert.Equal(257, file.Dataset.Count);
    }

    [Theory]
    [InlineData("syntaxes/deflated/image_dfl.dcm", 29)]
    [InlineData("syntaxes/deflated/report_dfl.dcm", 30)]
    [InlineData("syntaxes/deflated/Issue1097_FailToOpenDeflatedFileWithSQ.dcm", 6)]
    public void GivenDeflatedFile_WhenRead_ThenAllTopLevelElementsAreInflated(string path, int topLevelElements)
    {
        var file = CorpusFiles.Read(path);

        Assert.True(file.TransferSyntax.IsDeflated);
        Assert.Equal(topLevelElements, file.Dataset.Count);
    }

    [Theory]
    [InlineData("features/no_meta/ExplVR_LitEndNoMeta.dcm", "1.2.840.10008.1.2.1")]
    [InlineData("features/no_meta/ExplVR_BigEndNoMeta.dcm", "1.2.840.10008.1.2.2")]
    [InlineData("features/no_meta/CT-MONO2-12-lomb-an2_headless.dcm", "1.2.840.10008.1.2")]
    public void GivenDatasetWithoutFileMeta_WhenRead_ThenEncodingIsDetected(string path, string expectedSyntax)
    {
        var file = CorpusFiles.Read(path);

        Assert.Empty(file.FileMetaInformation);
        Assert.Equal(expectedSyntax, file.TransferSyntax.Uid);
        Assert.NotNull(file.Dataset.GetString(DicomTags.SopClassUid) ?? file.Dataset.GetString(DicomTags.Modality));
    }
}
