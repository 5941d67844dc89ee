using HeadCt.Dicom.Codecs;
using HeadCt.Dicom.Codecs.Jpeg2000;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>Damaged codestreams fail with CorruptPixelData naming the marker and the offset, or decode what is there.</summary>
public class Jpeg2000MalformedStreamTests
{
    private static (byte[] Codestream, FrameInfo Info) Sample() => Jpeg2000Frames.FirstFrame("syntaxes/j2k_lossless/MR_small_jp2klossless.dcm");

    [Fact]
    public void GivenCodestreamWithoutSoc_WhenDecoded_ThenTheErrorNamesSocAtOffsetZero()
    {
        var (codestream, info) = Sample();
        codestream[1] = 0x00;

        var error = Assert.Throws<DicomException>(() => Decode(codestream, info));

        Assert.Equal(DicomErrorKind.CorruptPixelData, error.Kind);
        Assert.Contains("SOC", error.Reason, StringComparison.Ordinal);
        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public void GivenSizLargerThanTheDicomHeader_WhenDecoded_ThenTheErrorNamesSizBeforeAnyAllocation()
    {
        var (codestream, info) = Sample();
        codestream[8] = 0x7F; // Xsiz high byte: two billion columns

        var error = Assert.Throws<DicomException>(() => Decode(codestream, info));

        Assert.Contains("SIZ", error.Reason, StringComparison.Ordinal);
        Assert.NotNull(error.Offset);
    }

    [Fact]
    public void GivenSegmentLengthPastTheEnd_WhenDecoded_ThenTheErrorNamesTheMarker()
    {
        var (codestream, info) = Sample();
        var cod = FindMarker(codestream, 0xFF52);
        codestream[cod + 2] = 0xFF;

        var error = Assert.Throws<DicomException>(() => Decode(codestream, info));

        Assert.Contains("COD", error.Reason, StringComparison.Ordinal);
        Assert.Equal(cod + 2, error.Offset);
    }

    [Fact]
    public void GivenEveryTruncation_WhenDecoded_ThenOnlyDicomExceptionsOrPartialImagesResult()
    {
        var (codestream, info) = Sample();
        var failures = 0;
        for (var length = 0; length < codestream.Length; length += 7)
        {
            try
            {
                Decode(codestream[..length], info);
            }
            catch (DicomException e) when (e.Kind == DicomErrorKind.CorruptPixelData && e.Offset is not null)
            {
                failures++;
            }
        }
        Assert.True(failures > 0, "no truncation was reported");
    }

    [Fact]
    public void GivenEverySingleByteCorruption_WhenDecoded_ThenNothingButDicomExceptionEscapes()
    {
        var (codestream, info) = Sample();
        var random = new Random(8);
        for (var trial = 0; trial < 400; trial++)
        {
            var damaged = (byte[])codestream.Clone();
            damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            try
            {
                Decode(damaged, info);
            }
            catch (DicomException)
            {
            }
        }
    }

    private static void Decode(byte[] codestream, FrameInfo info) =>
        new Jpeg2000Decoder().Decode(codestream, info, new byte[info.DecodedFrameLength]);

    private static int FindMarker(byte[] data, int marker)
    {
        for (var i = 0; i + 1 < data.Length; i++)
            if (data[i] == marker >> 8 && data[i + 1] == (marker & 0xFF))
                return i;
        throw new InvalidOperationException($"marker {marker:X4} not found");
    }
}
