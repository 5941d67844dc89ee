using HeadCt.Gateway.Features.Ingest;

namespace HeadCt.Platform.Tests.Units;

public sealed class DicomUidsTests
{
    [Theory]
    [InlineData("1.2.840.10008.1.2.1")]
    [InlineData("1.2.826.0.1.3680043.9.4245.3115138630835728997848661150714813892")]
    public void GivenConformantUid_WhenChecked_ThenValid(string uid) => Assert.True(DicomUids.IsValid(uid));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1.2.")]
    [InlineData(".1.2")]
    [InlineData("1..2")]
    [InlineData("1.02.3")]
    [InlineData("1.2.a")]
    [InlineData("1.2.3456789012345678901234567890123456789012345678901234567890123")]
    public void GivenNonConformantUid_WhenChecked_ThenInvalid(string? uid) => Assert.False(DicomUids.IsValid(uid));
}
