using HeadCt.Imaging.Rendering;

namespace HeadCt.Imaging.Tests;

public sealed class WindowLevelTests
{
    [Theory]
    [InlineData("brain", 40, 80)]
    [InlineData("subdural", 75, 215)]
    [InlineData("stroke", 40, 40)]
    [InlineData("bone", 600, 2800)]
    public void GivenAPreset_WhenApplied_ThenTheWindowEdgesAreBlackAndWhiteAndTheCentreMidGrey(string name, double center, double width)
    {
        var window = Window.Find(name)!;
        Assert.Equal((center, width), (window.Center, window.Width));
        float[] hu = [(float)(center - width / 2 - 1), (float)(center - width / 2), (float)center, (float)(center + width / 2), (float)(center + width / 2 + 1)];
        var grey = new byte[hu.Length];
        WindowLevel.Apply(hu, window, grey);
        Assert.Equal(0, grey[0]);
        Assert.InRange(grey[1], 0, 3);
        Assert.InRange(grey[2], 126, 130);
        Assert.InRange(grey[3], 252, 255);
        Assert.Equal(255, grey[4]);
    }

    [Fact]
    public void GivenIncreasingHu_WhenWindowed_ThenGreyNeverDecreases()
    {
        var hu = Enumerable.Range(-1400, 2400).Select(v => (float)v).ToArray();
        var grey = new byte[hu.Length];
        WindowLevel.Apply(hu, Window.Custom(-600, 1500), grey);
        for (var i = 1; i < grey.Length; i++)
            Assert.True(grey[i] >= grey[i - 1]);
        Assert.Equal(0, grey[0]);
        Assert.Equal(255, grey[^1]);
    }

    [Fact]
    public void GivenAWidthBelowOne_WhenACustomWindowIsMade_ThenItIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Window.Custom(40, 0));
}
