using HeadCt.Dicom.Pixels;
using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Writing;

public class RoundTripTests
{
    public static TheoryData<string> CorpusFiles => new()
    {
        "syntaxes/implicit_le/CT1_UNC.implicit_little_endian.dcm",
        "syntaxes/explicit_le/CT_small.dcm",
        "syntaxes/explicit_be/CT1_UNC.explicit_big_endian.dcm",
        "syntaxes/explicit_be/ExplVR_BigEnd.dcm",
        "syntaxes/deflated/report_dfl.dcm",
        "features/sequences/MR_UnspecifiedLength.dcm",
        "features/sequences/test-SR.dcm",
        "features/sequences/priv_SQ.dcm",
        "features/sequences/UN_sequence.dcm",
        "features/private/PrivateMDNTags.dcm",
        "features/private/examples_overlay.dcm",
        "features/odd_length/SC_rgb_small_odd_big_endian.dcm",
        "features/no_meta/ExplVR_BigEndNoMeta.dcm",
        "series/ct_head_ge_hispeed_gantry_tilt/14.dcm",
    };

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void GivenCorpusFile_WhenWrittenExplicitLittleEndianAndReread_ThenEveryElementAndVrIsKept(string path)
    {
        var original = Support.CorpusFiles.Read(path);

        var reread = DicomReader.Read(DicomWriter.ToBytes(original, TransferSyntax.ExplicitVrLittleEndian));

        Assert.Equal(TransferSyntax.ExplicitVrLittleEndian, reread.TransferSyntax);
        Assert.Empty(DatasetComparer.Differences(original.Dataset, reread.Dataset, compareVr: true));
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void GivenCorpusFile_WhenWrittenImplicitThenExplicit_ThenValuesSurviveBothSyntaxes(string path)
    {
        var original = Support.CorpusFiles.Read(path);

        var implicitFile = DicomReader.Read(DicomWriter.ToBytes(original, TransferSyntax.ImplicitVrLittleEndian));
        var explicitAgain = DicomReader.Read(DicomWriter.ToBytes(implicitFile, TransferSyntax.ExplicitVrLittleEndian));

        Assert.Equal(TransferSyntax.ImplicitVrLittleEndian, implicitFile.TransferSyntax);
        Assert.Empty(DatasetComparer.Differences(original.Dataset, implicitFile.Dataset, compareVr: false));
        Assert.Empty(DatasetComparer.Differences(implicitFile.Dataset, explicitAgain.Dataset, compareVr: true));
    }

    [Theory]
    [InlineData("series/ct_head_ge_hispeed_gantry_tilt/14.dcm")]
    [InlineData("features/sequences/test-SR.dcm")]
    public void GivenCorpusFile_WhenWrittenDeflatedAndReread_ThenDatasetAndPixelsAreKept(string path)
    {
        var original = Support.CorpusFiles.Read(path);

        var bytes = DicomWriter.ToBytes(original, TransferSyntax.DeflatedExplicitVrLittleEndian);
        var reread = DicomReader.Read(bytes);

        Assert.True(reread.TransferSyntax.IsDeflated);
        Assert.True(bytes.Length < DicomWriter.ToBytes(original, TransferSyntax.ExplicitVrLittleEndian).Length);
        Assert.Empty(DatasetComparer.Differences(original.Dataset, reread.Dataset, compareVr: true));
    }

    [Fact]
    public void GivenBigEndianImage_WhenWrittenLittleEndian_ThenDecodedPixelsAreIdentical()
    {
        var original = Support.CorpusFiles.Read("syntaxes/explicit_be/CT1_UNC.explicit_big_endian.dcm");

        var rewritten = DicomReader.Read(DicomWriter.ToBytes(original, TransferSyntax.ExplicitVrLittleEndian));

        Assert.Equal(PixelDataDecoder.Decode(original).Bytes, PixelDataDecoder.Decode(rewritten).Bytes);
    }

    [Fact]
    public void GivenEncapsulatedFile_WhenWrittenInItsOwnSyntax_ThenFragmentsAndPixelsAreKept()
    {
        var original = Support.CorpusFiles.Read("syntaxes/rle/" + Path.GetFileName(Directory.GetFiles(Support.CorpusFiles.PathOf("syntaxes/rle"))[0]));

        var reread = DicomReader.Read(DicomWriter.ToBytes(original, original.TransferSyntax));

        Assert.Empty(DatasetComparer.Differences(original.Dataset, reread.Dataset, compareVr: true));
        Assert.Equal(PixelDataDecoder.Decode(original).Bytes, PixelDataDecoder.Decode(reread).Bytes);
    }

    [Fact]
    public void GivenEncapsulatedFile_WhenWrittenAsNative_ThenUnsupportedTransferSyntaxIsRaised()
    {
        var original = Support.CorpusFiles.Read("syntaxes/rle/" + Path.GetFileName(Directory.GetFiles(Support.CorpusFiles.PathOf("syntaxes/rle"))[0]));

        var error = Assert.Throws<DicomException>(() => DicomWriter.ToBytes(original, TransferSyntax.ExplicitVrLittleEndian));

        Assert.Equal(DicomErrorKind.UnsupportedTransferSyntax, error.Kind);
    }

    [Fact]
    public void GivenWrittenFile_WhenMetaRead_ThenGroupLengthAndIdentifiersAreCorrect()
    {
        var original = Support.CorpusFiles.Read("series/ct_head_ge_hispeed_gantry_tilt/14.dcm");

        var bytes = DicomWriter.ToBytes(original, TransferSyntax.ExplicitVrLittleEndian);
        var meta = DicomReader.Read(bytes).FileMetaInformation;

        var metaEnd = 132 + meta.Sum(e => (e.Vr.HasLongLength ? 12 : 8) + e.Value.Length);
        Assert.Equal(metaEnd - 132 - 12, meta.GetInt32(DicomTags.FileMetaInformationGroupLength));
        Assert.Equal((byte)0x08, bytes[metaEnd]); // first data set element, group 0008, starts right after the group
        Assert.Equal(original.Dataset.GetString(DicomTags.SopClassUid), meta.GetString(DicomTags.MediaStorageSopClassUid));
        Assert.Equal(original.Dataset.GetString(DicomTags.SopInstanceUid), meta.GetString(DicomTags.MediaStorageSopInstanceUid));
        Assert.Equal(TransferSyntax.ExplicitVrLittleEndian.Uid, meta.GetString(DicomTags.TransferSyntaxUid));
        Assert.False(string.IsNullOrEmpty(meta.GetString(DicomTags.ImplementationClassUid)));
        Assert.All(meta, e => Assert.Equal(0, e.Value.Length % 2));
    }

    [Fact]
    public void GivenOddLengthValues_WhenWritten_ThenUidsArePaddedWithNulAndTextWithSpace()
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SopClassUid, DicomVr.UI, "1.2.3");
        dataset.SetString(DicomTags.SopInstanceUid, DicomVr.UI, "1.2.3.4.5");
        dataset.Add(new DicomElement(DicomTags.StudyDescription, DicomVr.LO, "HEAD1"u8.ToArray()));
        var file = new DicomFile(new DicomDataset(), dataset, TransferSyntax.ExplicitVrLittleEndian);

        var reread = DicomReader.Read(DicomWriter.ToBytes(file, TransferSyntax.ExplicitVrLittleEndian)).Dataset;

        Assert.Equal("1.2.3\0"u8.ToArray(), reread.Find(DicomTags.SopClassUid)!.Value.ToArray());
        Assert.Equal("HEAD1 "u8.ToArray(), reread.Find(DicomTags.StudyDescription)!.Value.ToArray());
        Assert.Equal("HEAD1", reread.GetString(DicomTags.StudyDescription));
    }
}
