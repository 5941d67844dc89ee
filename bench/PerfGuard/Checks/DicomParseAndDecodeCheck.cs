using HeadCt.Dicom;
using HeadCt.Dicom.Bench;
using HeadCt.Dicom.Pixels;
using HeadCt.PerfGuard.Clocks;

namespace HeadCt.PerfGuard.Checks;

/// <summary>
/// Header parse and native decode of the GE head series (28 slices of 512 × 512, 16-bit), bytes in memory, against
/// copying each slice's pixel data (512 KiB, the bytes the decoder reads) into a reused buffer; thread CPU time, per slice.
/// </summary>
internal sealed class DicomParseAndDecodeCheck : IRatioCheck
{
    private const int Rounds = 15;
    private static readonly DicomReadOptions HeaderOnly = new() { StopBeforePixelData = true };

    public IReadOnlyDictionary<string, string> Describes { get; } = new Dictionary<string, string>
    {
        ["header-parse/copy"] = "DicomReader.Read(bytes, StopBeforePixelData) + DicomImageHeader.From per slice / copy of the slice's 512 KiB of pixel data",
        ["native-decode-le/copy"] = "PixelDataDecoder.DecodeFrame into a reused buffer, explicit VR LE, per slice / the same copy",
        ["native-decode-be/copy"] = "the same for explicit VR big endian (every sample swapped) / the same copy",
    };

    public IReadOnlyList<Ratio> Measure()
    {
        var slices = CorpusSeries.LoadBytes(SeriesEncoding.ExplicitLittleEndian);
        var little = CorpusSeries.LoadBytes(SeriesEncoding.ExplicitLittleEndian).Select(b => DicomReader.Read(b)).ToArray();
        var big = CorpusSeries.LoadBytes(SeriesEncoding.ExplicitBigEndian).Select(b => DicomReader.Read(b)).ToArray();
        var pixels = little.Select(file => file.Dataset.Find(DicomTags.PixelData)!.Value).ToArray();
        var target = new byte[pixels[0].Length];
        const int ParseRepeats = 20, CopyRepeats = 4;
        var samples = RoundTimer.Rounds(Rounds, warmUp: 5,
            (Clock.Thread, () =>
            {
                for (var r = 0; r < CopyRepeats; r++)
                    foreach (var slice in pixels)
                        slice.Span.CopyTo(target);
            }),
            (Clock.Thread, () =>
            {
                for (var r = 0; r < ParseRepeats; r++)
                    foreach (var slice in slices)
                        DicomImageHeader.From(DicomReader.Read(slice, HeaderOnly));
            }),
            (Clock.Thread, () =>
            {
                for (var r = 0; r < CopyRepeats; r++)
                    foreach (var file in little)
                        PixelDataDecoder.DecodeFrame(file, 0, target);
            }),
            (Clock.Thread, () =>
            {
                for (var r = 0; r < CopyRepeats; r++)
                    foreach (var file in big)
                        PixelDataDecoder.DecodeFrame(file, 0, target);
            }));
        var copies = CopyRepeats * slices.Length;
        return
        [
            Ratio.Paired("header-parse/copy", samples[1], ParseRepeats * slices.Length, samples[0], copies),
            Ratio.Paired("native-decode-le/copy", samples[2], CopyRepeats * little.Length, samples[0], copies),
            Ratio.Paired("native-decode-be/copy", samples[3], CopyRepeats * big.Length, samples[0], copies),
        ];
    }
}
