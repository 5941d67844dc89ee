using HeadCt.Gateway.Features.Upload.Zip;

namespace HeadCt.Platform.Tests.Units;

public sealed class ZipEntryNamesTests
{
    [Theory]
    [InlineData("a.dcm")]
    [InlineData("series/1/a.dcm")]
    [InlineData("dots..in..name.dcm")]
    public void GivenRelativeName_WhenChecked_ThenSafe(string name) => Assert.True(ZipEntryNames.IsSafe(name));

    [Theory]
    [InlineData("../a.dcm")]
    [InlineData("series/../../a.dcm")]
    [InlineData("..\\a.dcm")]
    [InlineData("/etc/passwd")]
    [InlineData("\\\\server\\share\\a.dcm")]
    [InlineData("C:\\a.dcm")]
    [InlineData("a.dcm\0.txt")]
    [InlineData("")]
    public void GivenEscapingOrAbsoluteName_WhenChecked_ThenUnsafe(string name) => Assert.False(ZipEntryNames.IsSafe(name));
}
