using System.Globalization;
using HeadCt.Dicom.Codecs;
using HeadCt.Dicom.Codecs.Jpeg2000;
using HeadCt.PerfGuard.OpenJpeg;

namespace HeadCt.PerfGuard;

/// <summary>
/// <c>dotnet run -c Release --project bench/PerfGuard -- j2k [rounds]</c>: our JPEG 2000 decoder against OpenJPEG in
/// this process on the 512×512 CT files of the corpus, single-threaded, interleaved; then both with more threads.
/// Ours: <see cref="Jpeg2000Decoder.Decode"/> from the frame's codestream into a reused 16-bit frame buffer.
/// OpenJPEG: <see cref="OpenJpegDecoder.Decode"/> of the same codestream bytes: codec and memory stream created,
/// header read, decoded, released; its int32 planes are not converted to a frame (that conversion is in ours).
/// </summary>
internal static class Jpeg2000Comparison
{
    public static readonly string[] LosslessCt =
    [
        "derived/ct_series_ge_head/j2k_lossless_gdcm",
        "derived/ct_slice_toshiba_head/j2k_lossless_gdcm.dcm",
        "syntaxes/j2k_lossless/CT1_J2KR.dcm",
        "features/private/explicit_VR-UN.dcm",
    ];

    public static readonly string[] LossyCt =
    [
        "derived/ct_series_ge_head/j2k_lossy_gdcm_r10",
        "derived/ct_slice_toshiba_head/j2k_lossy_gdcm_r10.dcm",
        "syntaxes/j2k_lossy/CT1_J2KI.dcm",
        "syntaxes/j2k_lossy/693_J2KI.dcm",
    ];

    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 31;
        if (!OpenJpegDecoder.IsAvailable)
        {
            Console.Error.WriteLine("libopenjp2.so.7 not found (Debian package libopenjp2-7)");
            return 2;
        }
        Console.WriteLine($"OpenJPEG {OpenJpegDecoder.Version} in-process; {rounds} interleaved rounds per file; {Environment.ProcessorCount} cores");
        Console.WriteLine("| file | kind | frames | ours median (ms) | OpenJPEG median (ms) | ours / OpenJPEG | ours min | OpenJPEG min | ours 2 threads | OpenJPEG 2 threads |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (set, kind) in new[] { (LosslessCt, "lossless"), (LossyCt, "lossy 9/7") })
        {
            foreach (var entry in set)
                Report(entry, kind, rounds);
        }
        return 0;
    }

    private static void Report(string entry, string kind, int rounds)
    {
        var frames = Frames(entry);
        var decoder = new Jpeg2000Decoder();
        var destination = new byte[frames[0].Info.DecodedFrameLength];
        if (kind == "lossless")
            VerifyIdentical(frames[0].Encoded, frames[0].Info);
        var next = 0;
        var current = frames[0];
        void Ours() => decoder.Decode(current.Encoded, current.Info, destination);
        void Theirs() => OpenJpegDecoder.Decode(current.Encoded);
        void OursParallel() => decoder.Decode(current.Encoded, current.Info, destination);
        void TheirsParallel() => OpenJpegDecoder.Decode(current.Encoded, threads: 2);
        // each round decodes the next frame of a series with both decoders
        var (ours, theirs) = InterleavedTimer.Measure(() => { current = frames[next++ % frames.Count]; Ours(); }, Theirs, rounds, warmUp: 40);
        next = 0;
        var (oursTwo, theirsTwo) = InterleavedTimer.MeasureWall(() => { current = frames[next++ % frames.Count]; OursParallel(); }, TheirsParallel, Math.Max(5, rounds / 3), warmUp: 5);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {entry} | {kind} | {frames.Count} | {ours.Median:F2} | {theirs.Median:F2} | {ours.Median / theirs.Median:F2} | {ours.Min:F2} | {theirs.Min:F2} | {oursTwo.Median:F2} | {theirsTwo.Median:F2} |"));
    }

    private static List<(byte[] Encoded, FrameInfo Info)> Frames(string entry)
    {
        var path = CorpusFrames.PathOf(entry);
        var files = Directory.Exists(path) ? CorpusFrames.FilesIn(entry) : [path];
        return files.Select(CorpusFrames.FirstEncodedFrame).ToList();
    }

    /// <summary>Both decoders must give the same samples, else the timing compares different work.</summary>
    private static void VerifyIdentical(byte[] encoded, FrameInfo info)
    {
        var ours = new byte[info.DecodedFrameLength];
        new Jpeg2000Decoder().Decode(encoded, info, ours);
        OpenJpegDecoder.Decode(encoded, samples: (component, plane) =>
        {
            for (var i = 0; i < plane.Length; i++)
            {
                var at = (i * info.SamplesPerPixel + component) * info.BytesPerSample;
                int value = info.BytesPerSample == 1 ? ours[at] : info.IsSigned ? BitConverter.ToInt16(ours, at) : BitConverter.ToUInt16(ours, at);
                if (value != plane[i])
                    throw new InvalidOperationException($"sample {i} of component {component}: ours {value}, OpenJPEG {plane[i]}");
            }
        });
    }
}
