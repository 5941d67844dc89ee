using System.Diagnostics;
using HeadCt.Dicom.Codecs;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>Broken JPEG-LS codestreams, made from real corpus frames, fail with DicomException and never hang.</summary>
public class JpegLsMalformedStreamTests
{
    private static readonly JpegLsDecoder Decoder = new();

    public static TheoryData<string> SmallFrames() => new()
    {
        "syntaxes/jpegls_near_lossless/JPEGLSNearLossless_08.dcm",
        "syntaxes/jpegls_near_lossless/JPEGLSNearLossless_16.dcm",
        "syntaxes/jpegls_near_lossless/SC_rgb_jls_lossy_line.dcm",
        "syntaxes/jpegls_lossless/MR_small_jpeg_ls_lossless.dcm",
    };

    [Theory]
    [MemberData(nameof(SmallFrames))]
    public void GivenEveryTruncationOfARealFrame_WhenDecoded_ThenCorruptPixelDataIsReported(string path)
    {
        var (codestream, info) = JpegLsCorpus.SingleFrame(path);
        var destination = new byte[info.DecodedFrameLength];
        var endOfImage = codestream.AsSpan().LastIndexOf([(byte)0xFF, (byte)0xD9]) + 2;
        Assert.True(endOfImage > 2, "the frame has no EOI marker");

        for (var length = 0; length < endOfImage; length++)
        {
            var truncated = codestream[..length];
            var error = Assert.Throws<DicomException>(() => Decoder.Decode(truncated, info, destination));
            Assert.Equal(DicomErrorKind.CorruptPixelData, error.Kind);
            Assert.InRange(error.Offset ?? -1, 0, length);
        }
    }

    [Theory]
    [MemberData(nameof(SmallFrames))]
    public void GivenRandomByteDamage_WhenDecoded_ThenOnlyDicomExceptionIsThrownAndDecodingEnds(string path)
    {
        var (codestream, info) = JpegLsCorpus.SingleFrame(path);
        var destination = new byte[info.DecodedFrameLength];
        var random = new Random(14495);
        var stopwatch = Stopwatch.StartNew();
        var rejected = 0;

        for (var mutant = 0; mutant < 3000; mutant++)
        {
            var damaged = (byte[])codestream.Clone();
            for (var hits = 1 + random.Next(4); hits > 0; hits--)
                damaged[random.Next(damaged.Length)] = random.Next(3) == 0 ? (byte)0xFF : (byte)random.Next(256);
            try
            {
                Decoder.Decode(damaged, info, destination);
            }
            catch (DicomException)
            {
                rejected++;
            }
        }

        Assert.True(rejected > 0, "no damaged stream was rejected");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(60), $"3000 damaged frames took {stopwatch.Elapsed}");
    }

    [Fact]
    public void GivenFrameLargerThanTheImageAttributes_WhenDecoded_ThenItIsRejectedBeforeDecoding()
    {
        var (codestream, info) = JpegLsCorpus.SingleFrame("syntaxes/jpegls_lossless/MR_small_jpeg_ls_lossless.dcm");
        var smaller = info with { Rows = info.Rows - 1 };

        var error = Assert.Throws<DicomException>(() => Decoder.Decode(codestream, smaller, new byte[smaller.DecodedFrameLength]));

        Assert.Equal(DicomErrorKind.CorruptPixelData, error.Kind);
        Assert.Contains("SOF55", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenLseMappingTableInsteadOfPresetParameters_WhenDecoded_ThenUnsupportedPixelFormat()
    {
        var (codestream, info) = JpegLsCorpus.SingleFrame("syntaxes/jpegls_lossless/MR_small_jpeg_ls_lossless.dcm");
        var lse = codestream.AsSpan().IndexOf([(byte)0xFF, (byte)0xF8]);
        Assert.True(lse > 0, "the frame has no LSE segment");
        codestream[lse + 4] = 2; // LSE id 2: mapping table specification (T.87 §C.2.4.1.2)

        var error = Assert.Throws<DicomException>(() => Decoder.Decode(codestream, info, new byte[info.DecodedFrameLength]));

        Assert.Equal(DicomErrorKind.UnsupportedPixelFormat, error.Kind);
    }

    [Fact]
    public void GivenScanWithPointTransform_WhenDecoded_ThenUnsupportedPixelFormat()
    {
        var (codestream, info) = JpegLsCorpus.SingleFrame("syntaxes/jpegls_near_lossless/JPEGLSNearLossless_08.dcm");
        var sos = codestream.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);
        var length = codestream[sos + 2] << 8 | codestream[sos + 3];
        codestream[sos + 2 + length - 1] = 0x01; // Ah/Al byte: point transform 1

        var error = Assert.Throws<DicomException>(() => Decoder.Decode(codestream, info, new byte[info.DecodedFrameLength]));

        Assert.Equal(DicomErrorKind.UnsupportedPixelFormat, error.Kind);
    }
}
