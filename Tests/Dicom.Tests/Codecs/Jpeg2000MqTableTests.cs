using HeadCt.Dicom.Codecs.Jpeg2000;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>The MQ decoder's packed state table is T.800 Table C.2, as derived from the table's own columns.</summary>
public class Jpeg2000MqTableTests
{
    [Fact]
    public void GivenThePackedTransitionTable_WhenComparedWithTableC2_ThenEveryEntryMatches()
    {
        var derived = J2kMqDecoder.BuildTransitions();

        Assert.Equal(94, derived.Length);
        Assert.Equal(derived, J2kMqDecoder.Transitions.ToArray());
    }
}
