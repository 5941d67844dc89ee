using HeadCt.Dicom.Codecs;
using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>
/// Damaged versions of small real RLE and JPEG frames must fail with a <see cref="DicomException"/> (or, where the
/// damage only hit padding, decode to the undamaged pixels), never with another exception, a hang or wrong pixels.
/// </summary>
public class RleJpegMalformedFrameTests
{
    public static TheoryData<string, string> SmallFrames() => new()
    {
        { "syntaxes/rle/MR_small_RLE.dcm", "rle" },
        { "syntaxes/rle/SC_rgb_rle_16bit.dcm", "rle" },
        { "features/odd_length/3x3_jpeg_lossless.dcm", "jpeg-lossless" },
        { "syntaxes/jpeg_baseline/SC_rgb_jpeg_gdcm.dcm", "jpeg-lossless" },
        { "features/odd_length/SC_rgb_small_odd_jpeg.dcm", "jpeg" },
        { "syntaxes/jpeg_baseline/SC_rgb_jpeg_dcmtk.dcm", "jpeg" },
    };

    [Theory]
    [MemberData(nameof(SmallFrames))]
    public void GivenEveryTruncationOfARealFrame_WhenDecoded_ThenDicomExceptionOrTheIntactPixels(string path, string codec)
    {
        var (frame, info) = RleJpegCorpusSupport.FirstFrame(CorpusFiles.PathOf(path));
        var decoder = DecoderFor(codec);
        var intact = new byte[info.DecodedFrameLength];
        decoder.Decode(frame, info, intact);
        var output = new byte[info.DecodedFrameLength];
        var failures = 0;

        for (var length = 0; length < frame.Length; length++)
        {
            try
            {
                decoder.Decode(frame.AsSpan(0, length), info, output);
                Assert.True(intact.AsSpan().SequenceEqual(output), $"truncation to {length} of {frame.Length} bytes decoded to different pixels without an error");
            }
            catch (DicomException error)
            {
                Assert.Equal(DicomErrorKind.CorruptPixelData, error.Kind);
                Assert.NotNull(error.Offset);
                failures++;
            }
        }

        // Only trailing padding (after the last segment's data or after EOI) may be cut without an error.
        Assert.True(failures >= frame.Length - 2, $"only {failures} of {frame.Length} truncations were reported");
    }

    [Theory]
    [MemberData(nameof(SmallFrames))]
    public void GivenRandomByteDamageToARealFrame_WhenDecoded_ThenOnlyDicomExceptionsAreThrown(string path, string codec)
    {
        var (frame, info) = RleJpegCorpusSupport.FirstFrame(CorpusFiles.PathOf(path));
        var decoder = DecoderFor(codec);
        var output = new byte[info.DecodedFrameLength];
        var random = new Random(20261128);
        var damaged = new byte[frame.Length];

        for (var attempt = 0; attempt < 3000; attempt++)
        {
            frame.CopyTo(damaged, 0);
            var changes = 1 + random.Next(4);
            for (var i = 0; i < changes; i++)
            {
                // Headers sit at the start: damage them more often than the bulk data.
                var at = random.Next(2) == 0 ? random.Next(Math.Min(frame.Length, 700)) : random.Next(frame.Length);
                damaged[at] = (byte)random.Next(256);
            }

            try
            {
                decoder.Decode(damaged, info, output);
            }
            catch (DicomException error)
            {
                Assert.True(error.Kind is DicomErrorKind.CorruptPixelData or DicomErrorKind.UnsupportedPixelFormat, error.Message);
            }
        }
    }

    [Theory]
    [InlineData("syntaxes/rle/MR_small_RLE.dcm", "rle")]
    [InlineData("features/odd_length/3x3_jpeg_lossless.dcm", "jpeg-lossless")]
    [InlineData("syntaxes/jpeg_baseline/SC_rgb_jpeg_dcmtk.dcm", "jpeg")]
    public void GivenImageDescriptionThatDisagreesWithTheStream_WhenDecoded_ThenCorruptPixelDataIsReported(string path, string codec)
    {
        var (frame, info) = RleJpegCorpusSupport.FirstFrame(CorpusFiles.PathOf(path));
        var taller = info with { Rows = info.Rows + 1 };
        var wider = info with { SamplesPerPixel = 4 - info.SamplesPerPixel / 2 * 2 };

        foreach (var wrong in new[] { taller, wider })
        {
            var output = new byte[wrong.DecodedFrameLength];
            var error = Assert.Throws<DicomException>(() => DecoderFor(codec).Decode(frame, wrong, output));
            Assert.Equal(DicomErrorKind.CorruptPixelData, error.Kind);
        }
    }

    [Theory]
    [InlineData("syntaxes/jpeg_baseline/SC_rgb_jpeg_dcmtk.dcm", "jpeg")]
    [InlineData("syntaxes/jpeg_lossless_sv1/barre_CT-MONO2-16-chest.dcm", "jpeg-lossless")]
    public void GivenHuffmanTableWithMoreShortCodesThanBitsAllow_WhenDecoded_ThenCorruptPixelDataIsReported(string path, string codec)
    {
        var (frame, info) = RleJpegCorpusSupport.FirstFrame(CorpusFiles.PathOf(path));
        // Move three codes to length 1, which has room for two (T.81 Annex C); the segment length stays valid.
        var counts = frame.AsSpan().IndexOf([(byte)0xFF, (byte)0xC4]) + 5;
        var donor = counts + frame.AsSpan(counts, 16).IndexOfAnyInRange((byte)3, (byte)255);
        frame[donor] -= 3;
        frame[counts] += 3;

        var error = Assert.Throws<DicomException>(() => DecoderFor(codec).Decode(frame, info, new byte[info.DecodedFrameLength]));

        Assert.Equal(DicomErrorKind.CorruptPixelData, error.Kind);
        Assert.Contains("Huffman", error.Reason);
    }

    private static IFrameDecoder DecoderFor(string codec) => codec switch
    {
        "rle" => new RleDecoder(),
        "jpeg-lossless" => new JpegLosslessDecoder(),
        _ => new JpegDecoder(),
    };
}
