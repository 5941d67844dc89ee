using System.Diagnostics;
using System.Globalization;
using HeadCt.Dicom.Codecs.Jpeg2000;
using HeadCt.PerfGuard.Jpeg2000.OpenJpeg;

namespace HeadCt.PerfGuard.Jpeg2000;

/// <summary>
/// <c>j2k-profile ours|openjpeg entry seconds</c>: decodes one corpus entry (file or series folder) in a loop, for a
/// sampling profiler (<c>DOTNET_PerfMapEnabled=1 perf record -g</c>) to attribute the time.
/// </summary>
internal static class Jpeg2000Profile
{
    public static int Run(string[] args)
    {
        var which = args[0];
        var entry = args[1];
        var seconds = double.Parse(args[2], CultureInfo.InvariantCulture);
        var path = CorpusFrames.PathOf(entry);
        var frames = (Directory.Exists(path) ? CorpusFrames.FilesIn(entry) : [path]).Select(CorpusFrames.FirstEncodedFrame).ToList();
        var decoder = new Jpeg2000Decoder();
        var destination = new byte[frames[0].Info.DecodedFrameLength];
        var watch = Stopwatch.StartNew();
        var count = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            var (encoded, info) = frames[count++ % frames.Count];
            if (which == "ours")
                decoder.Decode(encoded, info, destination);
            else
                OpenJpegDecoder.Decode(encoded);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{which}: {count} frames, {watch.Elapsed.TotalMilliseconds / count:F2} ms each"));
        return 0;
    }
}
