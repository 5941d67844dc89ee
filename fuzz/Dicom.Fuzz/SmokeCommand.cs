namespace HeadCt.Dicom.Fuzz;

internal static class SmokeCommand
{
    public static int Run(string seedDirectory, long iterations, string[] options) =>
        Run(seedDirectory, iterations, options, "smoke", null, null);

    /// <summary>The DICOM network layer instead of the file reader (<c>--dimse</c>): PDU and command set parsing, and whole sessions.</summary>
    public static int RunDimse(string seedDirectory, long iterations, string[] options) =>
        Run(seedDirectory, iterations, options, "dimse", DimseFuzzTarget.Run, PduMutator.Mutate);

    private static int Run(
        string seedDirectory, long iterations, string[] options, string name,
        Func<ReadOnlyMemory<byte>, FuzzOutcome>? target, Func<Random, byte[], int, int>? mutate)
    {
        var seed = int.Parse(Option(options, "--seed") ?? "1");
        var start = long.Parse(Option(options, "--start") ?? "0");
        var output = Option(options, "--out") ?? Path.Combine("fuzz", "findings", name);
        var seeds = SeedCorpus.Load(seedDirectory);
        if (seeds.Count == 0)
        {
            Console.Error.WriteLine($"no seed files in {seedDirectory}");
            return 2;
        }
        Console.WriteLine($"{name} fuzzing: {seeds.Count} seeds from {seedDirectory}, seed {seed}, iterations {start}..{start + iterations - 1}, findings in {output}");
        var findings = new FindingStore(output);
        var summary = new SmokeFuzzer(seeds, findings, seed, target, mutate).Run(start, iterations);
        Console.WriteLine(summary);
        foreach (var (signature, hits) in findings.HitsBySignature)
            Console.WriteLine($"  crash-{CrashSignature.ShortId(signature)}: {hits} hits: {signature}");
        return summary.UniqueCrashes == 0 ? 0 : 1;
    }

    private static string? Option(string[] options, string name)
    {
        var index = Array.IndexOf(options, name);
        return index >= 0 && index + 1 < options.Length ? options[index + 1] : null;
    }
}
