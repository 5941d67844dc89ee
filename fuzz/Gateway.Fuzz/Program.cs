using HeadCt.Gateway.Fuzz;

// --smoke <iterations> [--seed N] [--out DIR]: mutation fuzzing of POST /upload's multipart and zip handling.
// --replay <file>...: runs saved inputs (findings) once each and prints the outcome or the exception.
return args switch
{
    ["--smoke", var iterations, .. var options] => new GatewayFuzzer(UploadSeeds.All(),
        Option(options, "--out") ?? Path.Combine("fuzz", "findings", "gateway"), int.Parse(Option(options, "--seed") ?? "1")).Run(long.Parse(iterations)),
    ["--replay", .. var paths] when paths.Length > 0 => Replay(paths),
    _ => Usage(),
};

static string? Option(string[] options, string name) =>
    Array.IndexOf(options, name) is var at and >= 0 && at + 1 < options.Length ? options[at + 1] : null;

static int Replay(string[] paths)
{
    var failed = 0;
    foreach (var path in paths)
    {
        try
        {
            Console.WriteLine($"{path}: {UploadTarget.Run(File.ReadAllBytes(path))}");
        }
        catch (Exception e)
        {
            failed++;
            Console.WriteLine($"{path}: {e}");
        }
    }

    return failed == 0 ? 0 : 1;
}

static int Usage()
{
    Console.Error.WriteLine("usage: HeadCt.Gateway.Fuzz --smoke <iterations> [--seed N] [--out DIR]");
    Console.Error.WriteLine("       HeadCt.Gateway.Fuzz --replay <file>...");
    return 2;
}
