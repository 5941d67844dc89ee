using HeadCt.Dicom.Codecs.Jpeg2000;
using HeadCt.PerfGuard.Clocks;
using HeadCt.PerfGuard.Jpeg2000;
using HeadCt.PerfGuard.Jpeg2000.OpenJpeg;

namespace HeadCt.PerfGuard.Checks;

/// <summary>
/// Our JPEG 2000 decoder against OpenJPEG called in this process on the GE head series (28 slices of 512 × 512), lossless
/// and lossy 9/7; each round decodes the next slice with both, thread CPU time, single-threaded.
/// </summary>
internal sealed class Jpeg2000Check : IRatioCheck
{
    private const int Rounds = 28;

    public IReadOnlyDictionary<string, string> Describes { get; } = new Dictionary<string, string>
    {
        ["j2k-lossless/openjpeg"] = "Jpeg2000Decoder.Decode of a slice's codestream into a 16-bit frame / OpenJPEG 2.5 opj_read_header + opj_decode of the same bytes",
        ["j2k-lossy/openjpeg"] = "the same on the 9/7 (ratio 10) series",
    };

    public IReadOnlyList<Ratio> Measure()
    {
        if (!OpenJpegDecoder.IsAvailable)
            throw new InvalidOperationException("libopenjp2.so.7 not found (Debian package libopenjp2-7)");
        return
        [
            Measure("j2k-lossless/openjpeg", Jpeg2000Comparison.LosslessCt[0]),
            Measure("j2k-lossy/openjpeg", Jpeg2000Comparison.LossyCt[0]),
        ];
    }

    private static Ratio Measure(string name, string series)
    {
        var frames = CorpusFrames.FilesIn(series).Select(CorpusFrames.FirstEncodedFrame).ToArray();
        var decoder = new Jpeg2000Decoder { MaxDegreeOfParallelism = 1 };
        var target = new byte[frames[0].Info.DecodedFrameLength];
        var next = 0;
        var current = frames[0];
        var samples = RoundTimer.Rounds(Rounds, warmUp: 10,
            (Clock.Thread, () =>
            {
                current = frames[next++ % frames.Length];
                decoder.Decode(current.Encoded, current.Info, target);
            }),
            (Clock.Thread, () => OpenJpegDecoder.Decode(current.Encoded)));
        return Ratio.Paired(name, samples[0], 1, samples[1], 1);
    }
}
