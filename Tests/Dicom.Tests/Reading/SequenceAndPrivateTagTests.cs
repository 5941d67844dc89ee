using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Reading;

public class SequenceAndPrivateTagTests
{
    [Fact]
    public void GivenUndefinedLengthUnInImplicitVr_WhenRead_ThenItIsParsedAsNestedSequences()
    {
        var file = CorpusFiles.Read("features/sequences/nested_priv_SQ.dcm");

        var outer = file.Dataset.Find(new DicomTag(0x0001, 0x0001))!;
        var inner = Assert.Single(outer.Items).Find(new DicomTag(0x0001, 0x0001))!;

        Assert.Equal(DicomVr.SQ, outer.Vr);
        Assert.Equal("Double Nested SQ", Assert.Single(inner.Items).GetString(new DicomTag(0x0001, 0x0001)));
    }

    [Fact]
    public void GivenExplicitUnOfUndefinedLength_WhenRead_ThenItemsAreImplicitLittleEndian()
    {
        var file = CorpusFiles.Read("features/sequences/UN_sequence.dcm");

        var sequence = file.Dataset.Find(new DicomTag(0x4453, 0x100C))!;

        Assert.Equal(DicomVr.SQ, sequence.Vr);
        Assert.NotEmpty(sequence.Items);
        Assert.All(sequence.Items, item => Assert.NotEmpty(item));
    }

    [Fact]
    public void GivenUndefinedLengthSequencesAndItems_WhenRead_ThenAllElementsAfterThemAreFound()
    {
        var file = CorpusFiles.Read("features/sequences/MR_UnspecifiedLength.dcm");

        Assert.Contains(file.Dataset, e => e.IsSequence && e.Items.Count > 0);
        Assert.Equal(88, file.Dataset.Count);
        Assert.True(file.Dataset.Contains(DicomTags.PixelData));
    }

    [Fact]
    public void GivenStructuredReport_WhenRead_ThenNestedContentIsReachable()
    {
        var file = CorpusFiles.Read("features/sequences/test-SR.dcm");

        static int Depth(DicomDataset ds) =>
            1 + ds.Where(e => e.IsSequence).SelectMany(e => e.Items).Select(Depth).DefaultIfEmpty(0).Max();

        Assert.True(Depth(file.Dataset) >= 4);
        Assert.Equal(37, file.Dataset.Count);
    }

    [Fact]
    public void GivenPrivateTags_WhenRead_ThenTheyAreKeptWithTheirCreators()
    {
        var file = CorpusFiles.Read("features/private/PrivateMDNTags.dcm");

        var privateElements = file.Dataset.Where(e => e.Tag.IsPrivate).ToList();

        Assert.NotEmpty(privateElements);
        var creator = privateElements.First(e => e.Tag.Element is >= 0x10 and <= 0xFF);
        Assert.False(string.IsNullOrWhiteSpace(file.Dataset.GetString(creator.Tag)));
        Assert.Equal(125, file.Dataset.Count);
    }

    [Fact]
    public void GivenGeSliceWithPrivateGroups_WhenRead_ThenPrivateAndStandardTagsCoexist()
    {
        var file = CorpusFiles.Read("series/ct_head_ge_hispeed_gantry_tilt/14.dcm");

        Assert.Contains(file.Dataset, e => e.Tag.Group == 0x0019);
        Assert.Contains(file.Dataset, e => e.Tag.Group == 0x0043);
        Assert.Equal("CT", file.Dataset.GetString(DicomTags.Modality));
    }
}
