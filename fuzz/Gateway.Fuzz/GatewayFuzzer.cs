using System.Diagnostics;

namespace HeadCt.Gateway.Fuzz;

/// <summary>
/// In-process mutation fuzzing of the upload path, seeded: iteration <c>i</c> of seed <c>s</c> is always the same
/// input, so a finding is reproducible from its log line. A crash (an exception the API would turn into a 500, or a
/// refused upload that left something stored) is saved once per signature; an input running longer than
/// <see cref="HangTimeout"/> is saved and ends the run.
/// </summary>
internal sealed class GatewayFuzzer(IReadOnlyList<(string Name, byte[] Body)> seeds, string findingsFolder, int seed)
{
    private static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(10);

    public int Run(long iterations)
    {
        Directory.CreateDirectory(findingsFolder);
        var signatures = new Dictionary<string, int>(StringComparer.Ordinal);
        var outcomes = new long[Enum.GetValues<UploadFuzzOutcome>().Length];
        var clock = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;
        for (var i = 0L; i < iterations; i++)
        {
            var random = new Random(HashCode.Combine(seed, i));
            var (name, body) = seeds[random.Next(seeds.Count)];
            var input = new UploadMutator(random).Mutate(body);
            var run = Task.Run(() => UploadTarget.Run(input));
            try
            {
                if (!run.Wait(HangTimeout))
                {
                    Save($"hang-{seed}-{i}", input, $"seed {seed} iteration {i} from {name}: running after {HangTimeout}");
                    Console.WriteLine($"HANG at iteration {i} ({name})");
                    return 3;
                }

                outcomes[(int)run.Result]++;
            }
            catch (AggregateException e) when (e.InnerException is { } crash)
            {
                var signature = Signature(crash);
                if (signatures.TryAdd(signature, 1))
                {
                    Save($"crash-{(uint)signature.GetHashCode():x8}", input, $"{signature}\nseed {seed} iteration {i} from {name}\n\n{crash}");
                    Console.WriteLine($"NEW CRASH at iteration {i} ({name}): {signature}");
                }
                else
                {
                    signatures[signature]++;
                }
            }

            if (clock.Elapsed - lastProgress > TimeSpan.FromSeconds(30))
            {
                lastProgress = clock.Elapsed;
                Console.WriteLine($"{i + 1} executions, {clock.Elapsed.TotalSeconds:F0} s, {signatures.Count} unique crashes");
            }
        }

        Console.WriteLine($"{iterations} executions in {clock.Elapsed.TotalSeconds:F0} s ({iterations / clock.Elapsed.TotalSeconds:F0}/s), " +
                          $"{signatures.Values.Sum()} crashing inputs, {signatures.Count} unique; outcomes: " +
                          string.Join(", ", Enum.GetValues<UploadFuzzOutcome>().Select(o => $"{o} {outcomes[(int)o]}")));
        return signatures.Count == 0 ? 0 : 1;
    }

    /// <summary>The exception type and the innermost three frames of the gateway's own code.</summary>
    private static string Signature(Exception crash)
    {
        var frames = new StackTrace(crash, fNeedFileInfo: false).GetFrames()
            .Select(frame => frame.GetMethod())
            .Where(method => method?.DeclaringType?.FullName?.StartsWith("HeadCt.", StringComparison.Ordinal) == true &&
                             method.DeclaringType.FullName?.StartsWith("HeadCt.Gateway.Fuzz", StringComparison.Ordinal) != true)
            .Take(3)
            .Select(method => $"{method!.DeclaringType!.Name}.{method.Name}");
        return $"{crash.GetType().Name} at {string.Join(" < ", frames)}";
    }

    private void Save(string name, byte[] input, string text)
    {
        File.WriteAllBytes(Path.Combine(findingsFolder, name + ".bin"), input);
        File.WriteAllText(Path.Combine(findingsFolder, name + ".txt"), text);
    }
}
