using System.Diagnostics;
using HeadCt.Dicom.Codecs;
using HeadCt.Dicom.Codecs.Jpeg2000;

namespace HeadCt.Dicom.Fuzz;

/// <summary>
/// In-process mutation fuzzing of the JPEG 2000 decoder on bare codestreams (<c>--j2k</c>): the first frame of each
/// JPEG 2000 seed file is extracted once, then mutated and decoded with the frame info of its DICOM header, so every
/// mutation lands in the codestream instead of the DICOM structure around it. Seeded like the smoke mode.
/// </summary>
internal static class Jpeg2000CodestreamFuzzer
{
    private static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(10);

    public static int Run(string seedDirectory, long iterations, string[] options)
    {
        var seed = int.Parse(Option(options, "--seed") ?? "1");
        var output = Option(options, "--out") ?? Path.Combine("fuzz", "findings", "j2k");
        var seeds = LoadCodestreams(seedDirectory);
        if (seeds.Count == 0)
        {
            Console.Error.WriteLine($"no JPEG 2000 seed files in {seedDirectory}");
            return 2;
        }
        Console.WriteLine($"JPEG 2000 codestream fuzzing: {seeds.Count} codestreams from {seedDirectory}, seed {seed}, {iterations} iterations");
        var findings = new FindingStore(output);
        var decoder = new Jpeg2000Decoder();
        var largest = seeds.Max(s => s.Codestream.Length);
        var buffer = new byte[largest + 4096];
        long decoded = 0, rejected = 0, crashes = 0;
        var clock = Stopwatch.StartNew();
        var nextProgress = TimeSpan.FromSeconds(30);
        using var watchdog = new HangWatchdog(HangTimeout, (iteration, origin, length) =>
        {
            var path = findings.SaveHang(buffer.AsSpan(0, length), $"j2k seed {seed} iteration {iteration} from {origin}");
            Console.WriteLine($"HANG at iteration {iteration}, input saved to {path}");
            Environment.Exit(3);
        });
        for (var i = 0L; i < iterations; i++)
        {
            var random = new Random(HashCode.Combine(seed, i));
            var (name, codestream, info) = seeds[random.Next(seeds.Count)];
            codestream.CopyTo(buffer, 0);
            var length = new Mutator(random).Mutate(buffer, codestream.Length);
            var destination = new byte[info.DecodedFrameLength];
            watchdog.Enter(i, name, length);
            try
            {
                decoder.Decode(buffer.AsSpan(0, length), info, destination);
                decoded++;
            }
            catch (DicomException)
            {
                rejected++;
            }
            catch (Exception exception)
            {
                crashes++;
                if (findings.Record(buffer.AsSpan(0, length), exception, $"j2k seed {seed} iteration {i} from {name}"))
                    Console.WriteLine($"NEW CRASH at iteration {i} ({name}): {CrashSignature.Of(exception)}");
            }
            watchdog.Leave();
            if (clock.Elapsed >= nextProgress)
            {
                nextProgress += TimeSpan.FromSeconds(30);
                Console.WriteLine($"{i + 1} iterations, {clock.Elapsed.TotalSeconds:F0} s, {findings.HitsBySignature.Count} unique crashes");
            }
        }
        Console.WriteLine($"{iterations} iterations in {clock.Elapsed.TotalSeconds:F0} s ({iterations / clock.Elapsed.TotalSeconds:F0}/s): "
            + $"{decoded} decoded, {rejected} rejected with DicomException, {crashes} crashing inputs, {findings.HitsBySignature.Count} unique crash signatures");
        return findings.HitsBySignature.Count == 0 ? 0 : 1;
    }

    private static List<(string Name, byte[] Codestream, FrameInfo Info)> LoadCodestreams(string directory)
    {
        var seeds = new List<(string, byte[], FrameInfo)>();
        foreach (var path in Directory.GetFiles(directory).Order(StringComparer.Ordinal))
        {
            try
            {
                var file = DicomReader.ReadFile(path);
                if (file.TransferSyntax != TransferSyntax.Jpeg2000Lossless && file.TransferSyntax != TransferSyntax.Jpeg2000)
                    continue;
                var header = DicomImageHeader.From(file);
                var fragments = file.Dataset.Find(DicomTags.PixelData)?.Fragments;
                if (fragments is null || fragments.Fragments.Count == 0)
                    continue;
                using var joined = new MemoryStream();
                var count = header.NumberOfFrames > 1 ? 1 : fragments.Fragments.Count;
                for (var i = 0; i < count; i++)
                    joined.Write(fragments.Fragments[i].Span);
                var info = new FrameInfo(header.Rows, header.Columns, header.SamplesPerPixel, header.BitsAllocated, header.BitsStored,
                    header.IsSigned, header.PlanarConfiguration, header.PhotometricInterpretation ?? "MONOCHROME2");
                seeds.Add((Path.GetFileName(path), joined.ToArray(), info));
            }
            catch (DicomException)
            {
            }
        }
        return seeds;
    }

    private static string? Option(string[] options, string name)
    {
        var index = Array.IndexOf(options, name);
        return index >= 0 && index + 1 < options.Length ? options[index + 1] : null;
    }
}
