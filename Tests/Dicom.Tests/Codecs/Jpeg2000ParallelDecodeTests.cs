using HeadCt.Dicom.Codecs.Jpeg2000;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>
/// Code-blocks decoded on several threads (as a frame above <see cref="Jpeg2000Decoder.ParallelThreshold"/> is) give
/// byte for byte what one thread gives, and the same DicomException (not an AggregateException) for a stream tier 1 refuses.
/// </summary>
public class Jpeg2000ParallelDecodeTests
{
    private static readonly Jpeg2000Decoder Parallel = new() { ParallelThreshold = 0, MaxDegreeOfParallelism = 4 };
    private static readonly Jpeg2000Decoder Single = new() { MaxDegreeOfParallelism = 1 };

    /// <summary>The JPEG 2000 files of the corpus that decode: the lossless ones with an oracle (which the single-threaded decode meets, see <see cref="Jpeg2000CorpusTests"/>) and the lossy ones.</summary>
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var set in new[] { Jpeg2000CorpusTests.LosslessFiles(), Jpeg2000LossyTests.LossyFiles() })
        {
            foreach (var path in set)
            {
                // one slice of each 28-slice series: the others are the same stream structure
                if (!path.StartsWith("derived/ct_series_", StringComparison.Ordinal) || path.EndsWith("/01.dcm", StringComparison.Ordinal))
                    data.Add(path);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void GivenJpeg2000File_WhenDecodedOnSeveralThreads_ThenTheBytesEqualTheSingleThreadedDecode(string path)
    {
        var (codestream, info) = Jpeg2000Frames.FirstFrame(path);
        var one = new byte[info.DecodedFrameLength];
        var several = new byte[info.DecodedFrameLength];

        Single.Decode(codestream, info, one);
        Parallel.Decode(codestream, info, several);

        Assert.Equal(one, several);
    }

    [Fact]
    public void GivenRoiShiftBeyondWhatTierOneDecodes_WhenDecodedOnSeveralThreads_ThenTheDicomExceptionEscapesUnwrapped()
    {
        var (codestream, info) = Jpeg2000Frames.FirstFrame("syntaxes/j2k_lossless/MR_small_jp2klossless.dcm");
        var withRoi = WithMainHeaderRgn(codestream, shift: 37);

        var single = Assert.Throws<DicomException>(() => Single.Decode(withRoi, info, new byte[info.DecodedFrameLength]));
        var parallel = Assert.Throws<DicomException>(() => Parallel.Decode(withRoi, info, new byte[info.DecodedFrameLength]));

        Assert.Equal(DicomErrorKind.UnsupportedPixelFormat, single.Kind);
        Assert.Equal(single.Kind, parallel.Kind);
        Assert.Equal(single.Reason, parallel.Reason);
    }

    /// <summary>The codestream with an RGN marker segment (T.800 A.6.3: component 0, implicit style, shift) before the first SOT.</summary>
    private static byte[] WithMainHeaderRgn(byte[] codestream, byte shift)
    {
        var sot = 2;
        while (!(codestream[sot] == 0xFF && codestream[sot + 1] == 0x90))
            sot += 2 + (codestream[sot + 2] << 8 | codestream[sot + 3]);
        byte[] rgn = [0xFF, 0x5E, 0x00, 0x05, 0x00, 0x00, shift];
        return [.. codestream[..sot], .. rgn, .. codestream[sot..]];
    }
}
