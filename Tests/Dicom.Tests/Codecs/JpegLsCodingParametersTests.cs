using System.Buffers.Binary;
using HeadCt.Dicom.Codecs.JpegLs;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>Default coding parameters (T.87 §C.2.4.1.1) against the values real encoders wrote into LSE segments.</summary>
public class JpegLsCodingParametersTests
{
    public static TheoryData<string> FramesWithLse() => new()
    {
        "syntaxes/jpegls_lossless/CT1_JLSL.dcm",
        "syntaxes/jpegls_near_lossless/CT1_JLSN.dcm",
        "syntaxes/jpegls_near_lossless/JPEGLSNearLossless_16.dcm",
        "derived/ct_slice_toshiba_head/jpegls_near_lossless_gdcm_e2.dcm",
    };

    [Theory]
    [MemberData(nameof(FramesWithLse))]
    public void GivenEncoderWrittenPresets_WhenDefaultsAreComputedForTheSameMaxValAndNear_ThenTheyAreEqual(string path)
    {
        var (codestream, _) = JpegLsCorpus.SingleFrame(path);
        var stream = codestream.AsSpan();
        var lse = stream.IndexOf([(byte)0xFF, (byte)0xF8]) + 5; // marker, length, id 1
        var sos = stream.IndexOf([(byte)0xFF, (byte)0xDA]);
        var near = stream[sos + 4 + 1 + 2 * stream[sos + 4]];
        var maxVal = BinaryPrimitives.ReadUInt16BigEndian(stream[lse..]);
        var written = (BinaryPrimitives.ReadUInt16BigEndian(stream[(lse + 2)..]),
            BinaryPrimitives.ReadUInt16BigEndian(stream[(lse + 4)..]),
            BinaryPrimitives.ReadUInt16BigEndian(stream[(lse + 6)..]));

        var computed = JpegLsCodingParameters.DefaultThresholds(maxVal, near);

        Assert.Equal(written, ((ushort)computed.T1, (ushort)computed.T2, (ushort)computed.T3));
    }

    [Fact]
    public void GivenEightBitLossless_WhenDefaultsAreComputed_ThenTheyAreTheBasicThresholdsOfTheStandard()
    {
        // T.87 §C.2.4.1.1.1: for MAXVAL = 255 and NEAR = 0 the defaults are BASIC_T1..3 = 3, 7, 21.
        Assert.Equal((3, 7, 21), JpegLsCodingParameters.DefaultThresholds(255, 0));
    }

    [Fact]
    public void GivenSevenBitSamples_WhenDefaultsAreComputed_ThenTheSmallMaxValRuleApplies()
    {
        // MAXVAL < 128 scales the basic thresholds down by FACTOR = 256 / (MAXVAL + 1) and keeps them >= 2, 3, 4.
        var (t1, t2, t3) = JpegLsCodingParameters.DefaultThresholds(127, 0);

        Assert.Equal((2, 3, 21 / 2), (t1, t2, t3));
    }
}
