using System.Buffers.Binary;
using HeadCt.Dicom.Codecs;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>Streams whose LSE segment declares MAXVAL below 2^P - 1, made from a real frame.</summary>
public class JpegLsMaxValTests
{
    private const string CtFrame = "syntaxes/jpegls_lossless/CT1_JLSL.dcm";

    [Fact]
    public void GivenLseMaxValLoweredTheCharLsWay_WhenDecoded_ThenPixelsEqualTheUnchangedStream()
    {
        // CharLS writes a MAXVAL below 2^P - 1 but codes with the full P-bit range (its thresholds are explicit in
        // the LSE), so lowering only the MAXVAL field of a real 16-bit frame gives the stream CharLS would write.
        var (codestream, info) = JpegLsCorpus.SingleFrame(CtFrame);
        var decoder = new JpegLsDecoder();
        var unchanged = new byte[info.DecodedFrameLength];
        decoder.Decode(codestream, info, unchanged);
        var lse = codestream.AsSpan().IndexOf([(byte)0xFF, (byte)0xF8]);
        Assert.Equal(ushort.MaxValue, BinaryPrimitives.ReadUInt16BigEndian(codestream.AsSpan(lse + 5)));
        BinaryPrimitives.WriteUInt16BigEndian(codestream.AsSpan(lse + 5), 4095);

        var lowered = new byte[info.DecodedFrameLength];
        decoder.Decode(codestream, info, lowered);

        Assert.Equal(JpegLsCorpus.Sha256(unchanged), JpegLsCorpus.Sha256(lowered));
    }

    [Fact]
    public void GivenLseMaxValAboveTheSamplePrecision_WhenDecoded_ThenCorruptPixelData()
    {
        var (codestream, info) = JpegLsCorpus.SingleFrame("syntaxes/jpegls_lossless/JLSL_16_15_1_1F.dcm");
        var lse = codestream.AsSpan().IndexOf([(byte)0xFF, (byte)0xF8]);
        BinaryPrimitives.WriteUInt16BigEndian(codestream.AsSpan(lse + 5), 0xFFFF); // P = 15 allows at most 0x7FFF

        var error = Assert.Throws<DicomException>(() => new JpegLsDecoder().Decode(codestream, info, new byte[info.DecodedFrameLength]));

        Assert.Equal(DicomErrorKind.CorruptPixelData, error.Kind);
        Assert.Contains("MAXVAL", error.Reason, StringComparison.Ordinal);
    }
}
