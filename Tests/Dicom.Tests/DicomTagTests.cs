using HeadCt.Dicom;

namespace HeadCt.Dicom.Tests;

public class DicomTagTests
{
    [Fact]
    public void GivenTagValue_WhenFormatted_ThenGroupAndElementAreHex()
    {
        var tag = new DicomTag(0x7FE00010);
        Assert.Equal("(7FE0,0010)", tag.ToString());
        Assert.False(tag.IsPrivate);
        Assert.True(new DicomTag(0x0009, 0x0010).IsPrivate);
    }
}
