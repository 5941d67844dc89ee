using System.Globalization;
using HeadCt.Dicom.Codecs;
using HeadCt.Dicom.Codecs.Jpeg2000;
using HeadCt.PerfGuard.Clocks;
using HeadCt.PerfGuard.Jpeg2000.OpenJpeg;

namespace HeadCt.PerfGuard.Jpeg2000;

/// <summary>
/// <c>dotnet run -c Release --project bench/PerfGuard -- j2k [rounds] [large]</c> (<c>large</c>: only the 2048² frames): our JPEG 2000 decoder against OpenJPEG in
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
        var largeOnly = args.Contains("large");
        if (!OpenJpegDecoder.IsAvailable)
        {
            Console.Error.WriteLine("libopenjp2.so.7 not found (Debian package libopenjp2-7)");
            return 2;
        }
        Console.WriteLine($"OpenJPEG {OpenJpegDecoder.Version} in-process; {rounds} interleaved rounds per file; {Environment.ProcessorCount} cores");
        var threads = Environment.ProcessorCount;
        Console.WriteLine($"| file | kind | frames | ours (ms) | OpenJPEG (ms) | ours / OpenJPEG | ours min | OpenJPEG min | ours {threads} threads | OpenJPEG {threads} threads | ours 1 → {threads} threads |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (set, kind) in largeOnly ? [] : new[] { (LosslessCt, "lossless"), (LossyCt, "lossy 9/7") })
        {
            foreach (var entry in set)
                Report(entry, kind, Frames(entry), rounds, threads);
        }
        foreach (var lossless in new[] { true, false })
        {
            var large = LargeJpeg2000Frame.Create(lossless);
            Report($"GE slice 01 tiled to {LargeJpeg2000Frame.Side}² (opj_compress)", lossless ? "lossless" : "lossy 9/7", [large], Math.Max(5, rounds / 3), threads);
        }
        return 0;
    }

    private static void Report(string entry, string kind, List<(byte[] Encoded, FrameInfo Info)> frames, int rounds, int threads)
    {
        var single = new Jpeg2000Decoder { MaxDegreeOfParallelism = 1 };
        var parallel = new Jpeg2000Decoder { ParallelThreshold = 0, MaxDegreeOfParallelism = threads };
        var destination = new byte[frames[0].Info.DecodedFrameLength];
        if (kind == "lossless")
            VerifyIdentical(frames[0].Encoded, frames[0].Info);
        var next = 0;
        var current = frames[0];
        // each round decodes the next frame of a series with both decoders; thread CPU time single-threaded, wall time with threads
        var cpu = RoundTimer.Rounds(rounds, Math.Min(40, rounds),
            (Clock.Thread, () => { current = frames[next++ % frames.Count]; single.Decode(current.Encoded, current.Info, destination); }),
            (Clock.Thread, () => OpenJpegDecoder.Decode(current.Encoded)));
        next = 0;
        var wall = RoundTimer.Rounds(rounds, 5,
            (Clock.Wall, () => { current = frames[next++ % frames.Count]; parallel.Decode(current.Encoded, current.Info, destination); }),
            (Clock.Wall, () => OpenJpegDecoder.Decode(current.Encoded, threads)),
            (Clock.Wall, () => single.Decode(current.Encoded, current.Info, destination)));
        var (ours, theirs) = (RoundTimer.Median(cpu[0]), RoundTimer.Median(cpu[1]));
        var (oursParallel, theirsParallel, oursWall) = (RoundTimer.Median(wall[0]), RoundTimer.Median(wall[1]), RoundTimer.Median(wall[2]));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {entry} | {kind} | {frames.Count} | {ours:F2} | {theirs:F2} | {ours / theirs:F2} | {cpu[0].Min():F2} | {cpu[1].Min():F2} | {oursParallel:F2} | {theirsParallel:F2} | {oursWall / oursParallel:F2}× |"));
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
