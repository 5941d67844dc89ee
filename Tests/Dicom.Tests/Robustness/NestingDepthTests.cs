using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Robustness;

public class NestingDepthTests
{
    /// <summary>Sequences of undefined length nested <paramref name="depth"/> deep, a text element in the innermost item.</summary>
    private static byte[] Nested(int depth)
    {
        var bytes = new DatasetBytes().Short(0x0008, 0x0016, "UI", "1.2.3\0"u8.ToArray());
        for (var i = 0; i < depth; i++)
            bytes.Long(0x0040, 0xA730, "SQ", 0xFFFFFFFF).Item();
        bytes.Long(0x0040, 0xA160, "UT", 4, "leaf"u8.ToArray());
        for (var i = 0; i < depth; i++)
            bytes.ItemEnd().SequenceEnd();
        return bytes.ToArray();
    }

    [Fact]
    public void GivenNestingWithinTheLimit_WhenRead_ThenInnermostValueIsReachable()
    {
        var file = DicomReader.Read(Nested(32));

        var item = file.Dataset;
        for (var i = 0; i < 32; i++)
            item = Assert.Single(item.GetSequence(DicomTags.ContentSequence));
        Assert.Equal("leaf", item.GetString(new DicomTag(0x0040, 0xA160)));
    }

    [Fact]
    public void GivenNestingOneBeyondTheLimit_WhenRead_ThenNestingTooDeep()
    {
        var error = Assert.Throws<DicomException>(() => DicomReader.Read(Nested(33)));

        Assert.Equal(DicomErrorKind.NestingTooDeep, error.Kind);
        Assert.NotNull(error.Offset);
    }

    [Fact]
    public void GivenHugeNestingAndUnlimitedOption_WhenRead_ThenHardLimitStopsItWithoutStackOverflow()
    {
        var options = new DicomReadOptions { MaxSequenceDepth = int.MaxValue };

        var error = Assert.Throws<DicomException>(() => DicomReader.Read(Nested(50_000), options));

        Assert.Equal(DicomErrorKind.NestingTooDeep, error.Kind);
    }

    [Fact]
    public void GivenRaisedLimit_WhenDeeperFileRead_ThenItIsAccepted()
    {
        var file = DicomReader.Read(Nested(100), new DicomReadOptions { MaxSequenceDepth = 100 });

        Assert.Single(file.Dataset.GetSequence(DicomTags.ContentSequence));
    }
}
