using System.Diagnostics;

namespace HeadCt.Dicom.Fuzz;

/// <summary>
/// In-process mutation fuzzing without AFL: seeded, so iteration <c>i</c> of seed <c>s</c> always produces
/// the same input (random state derived from both), which makes any finding reproducible from the log alone.
/// </summary>
internal sealed class SmokeFuzzer(
    IReadOnlyList<(string Name, byte[] Bytes)> seeds,
    FindingStore findings,
    int seed,
    Func<ReadOnlyMemory<byte>, FuzzOutcome>? target = null,
    Func<Random, byte[], int, int>? mutate = null)
{
    private readonly Func<ReadOnlyMemory<byte>, FuzzOutcome> _target = target ?? FuzzTarget.Run;
    private readonly Func<Random, byte[], int, int> _mutate = mutate ?? ((random, buffer, length) => new Mutator(random).Mutate(buffer, length));

    private static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(30);

    public SmokeSummary Run(long firstIteration, long iterations)
    {
        var largest = 0;
        foreach (var (_, bytes) in seeds)
            largest = Math.Max(largest, bytes.Length);
        var buffer = new byte[largest + 4096];
        var clock = Stopwatch.StartNew();
        var nextProgress = ProgressInterval;
        var crashes = 0L;
        var outcomes = new long[Enum.GetValues<FuzzOutcome>().Length];
        using var watchdog = new HangWatchdog(HangTimeout, (iteration, origin, hungLength) => OnHang(buffer.AsSpan(0, hungLength), iteration, origin));

        for (var i = firstIteration; i < firstIteration + iterations; i++)
        {
            var random = new Random(HashCode.Combine(seed, i));
            var (name, bytes) = seeds[random.Next(seeds.Count)];
            bytes.CopyTo(buffer, 0);
            var length = _mutate(random, buffer, bytes.Length);
            watchdog.Enter(i, name, length);
            try
            {
                outcomes[(int)_target(buffer.AsMemory(0, length))]++;
            }
            catch (Exception exception)
            {
                crashes++;
                if (findings.Record(buffer.AsSpan(0, length), exception, $"smoke seed {seed} iteration {i} from {name}"))
                    Console.WriteLine($"NEW CRASH at iteration {i} ({name}): {CrashSignature.Of(exception)}");
            }
            watchdog.Leave();
            if (clock.Elapsed >= nextProgress)
            {
                nextProgress += ProgressInterval;
                Console.WriteLine($"{i - firstIteration + 1} iterations, {clock.Elapsed.TotalSeconds:F0} s, {findings.HitsBySignature.Count} unique crashes");
            }
        }
        return new SmokeSummary(iterations, clock.Elapsed, crashes, findings.HitsBySignature.Count,
            outcomes[(int)FuzzOutcome.Rejected], outcomes[(int)FuzzOutcome.Parsed], outcomes[(int)FuzzOutcome.Decoded]);
    }

    private void OnHang(ReadOnlySpan<byte> input, long iteration, string origin)
    {
        var path = findings.SaveHang(input, $"smoke seed {seed} iteration {iteration} from {origin}");
        Console.WriteLine($"HANG at iteration {iteration} (> {HangTimeout.TotalSeconds} s), input saved to {path}; rerun with --start {iteration} --iterations 1");
        Environment.Exit(3);
    }
}

internal sealed record SmokeSummary(long Iterations, TimeSpan Elapsed, long Crashes, int UniqueCrashes, long Rejected, long ParsedOnly, long Decoded)
{
    public override string ToString() =>
        $"{Iterations} iterations in {Elapsed.TotalSeconds:F0} s ({Iterations / Math.Max(0.001, Elapsed.TotalSeconds):F0}/s), " +
        $"{Crashes} crashing inputs, {UniqueCrashes} unique crash signatures; " +
        $"outcomes: {Rejected} rejected with DicomException, {ParsedOnly} parsed (not decoded), {Decoded} decoded";
}
