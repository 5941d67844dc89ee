using System.Diagnostics;
using HeadCt.Dicom.Pixels;

namespace HeadCt.Dicom.Bench;

/// <summary>
/// Our JPEG 2000 decode against OpenJPEG's <c>opj_decompress</c> on the same codestreams, in the same run
/// (<c>dotnet run -c Release --project bench/Dicom.Bench -- j2k-vs-openjpeg</c>). Ours: median of in-process
/// <see cref="PixelDataDecoder.DecodeFrame"/> calls after warm-up. OpenJPEG: median wall time of whole
/// <c>opj_decompress -i x.j2k -o y.rawl</c> processes minus the median of <c>opj_decompress -h</c> (process start,
/// library load), and, separately, the "decode time" opj_decompress prints itself (whole milliseconds).
/// </summary>
internal static class Jpeg2000VersusOpenJpeg
{
    private static readonly string[] Files =
    [
        "derived/ct_series_ge_head/j2k_lossless_gdcm/01.dcm",
        "derived/ct_slice_toshiba_head/j2k_lossless_gdcm.dcm",
        "syntaxes/j2k_lossless/CT1_J2KR.dcm",
        "derived/ct_series_ge_head/j2k_lossy_gdcm_r10/01.dcm",
        "derived/ct_slice_toshiba_head/j2k_lossy_gdcm_r10.dcm",
        "syntaxes/j2k_lossy/CT1_J2KI.dcm",
        "syntaxes/j2k_lossy/US1_J2KI.dcm",
        "syntaxes/j2k_lossy/JPEG2000.dcm",
    ];

    public static void Run(int repetitions)
    {
        var directory = Directory.CreateTempSubdirectory("headct-j2k-bench-");
        try
        {
            var startup = Median(repetitions, () => RunTool("-h"));
            Console.WriteLine($"opj_decompress -h (process start baseline): {startup:F1} ms, {repetitions} runs, median");
            Console.WriteLine("| file | size | ours (ms) | opj process − baseline (ms) | opj own decode time (ms) | ours / opj |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|");
            foreach (var relative in Files)
            {
                var file = DicomReader.ReadFile(Path.Combine(CorpusLocator.Root, relative));
                var codestream = Path.Combine(directory.FullName, "frame.j2k");
                File.WriteAllBytes(codestream, FirstFrame(file));
                var output = Path.Combine(directory.FullName, "frame.rawl");
                var decoded = PixelDataDecoder.Decode(file);
                var destination = new byte[decoded.Bytes.Length];

                // enough calls for tiered compilation to reach its optimised code before timing
                for (var i = 0; i < 40; i++)
                    PixelDataDecoder.DecodeFrame(file, 0, destination);
                var ours = Median(repetitions, () =>
                {
                    var watch = Stopwatch.StartNew();
                    PixelDataDecoder.DecodeFrame(file, 0, destination);
                    return watch.Elapsed.TotalMilliseconds;
                });
                var reported = new List<double>();
                var process = Median(repetitions, () =>
                {
                    var (elapsed, stdout) = RunToolWithOutput($"-i {codestream} -o {output}");
                    var marker = stdout.IndexOf("decode time:", StringComparison.Ordinal);
                    if (marker >= 0 && double.TryParse(stdout[(marker + 12)..].Trim().Split(' ')[0], out var ms))
                        reported.Add(ms);
                    return elapsed;
                });
                reported.Sort();
                var own = reported.Count > 0 ? reported[reported.Count / 2] : double.NaN;
                var net = process - startup;
                var info = decoded.Info;
                Console.WriteLine($"| {relative} | {info.Columns}×{info.Rows}×{info.SamplesPerPixel}, {info.BitsStored} bit | {ours:F1} | {net:F1} | {own:F0} | {ours / net:F2} |");
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static byte[] FirstFrame(DicomFile file)
    {
        var fragments = file.Dataset.Find(DicomTags.PixelData)!.Fragments!;
        using var joined = new MemoryStream();
        foreach (var fragment in fragments.Fragments)
            joined.Write(fragment.Span);
        return joined.ToArray();
    }

    private static double RunTool(string arguments) => RunToolWithOutput(arguments).Elapsed;

    private static (double Elapsed, string Stdout) RunToolWithOutput(string arguments)
    {
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo("opj_decompress", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        _ = stderr.Result;
        return (watch.Elapsed.TotalMilliseconds, stdout);
    }

    private static double Median(int count, Func<double> measure)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
            values[i] = measure();
        Array.Sort(values);
        return values[count / 2];
    }
}
