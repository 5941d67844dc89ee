using HeadCt.Dicom.Fuzz;

// No arguments: the AFL++ target (run by fuzz/run-afl.sh under afl-fuzz).
// --smoke <seed-dir> <iterations> [--seed N] [--start I] [--out DIR]: in-process mutation fuzzing.
// --replay <file-or-dir>...: runs the target on saved inputs and prints each distinct crash.
// --j2k <seed-dir> <iterations> [--seed N] [--out DIR]: JPEG 2000 decoder on mutated bare codestreams.
return args switch
{
    [] => AflEntryPoint.Run(),
    ["--smoke", var seedDirectory, var iterations, .. var options] => SmokeCommand.Run(seedDirectory, long.Parse(iterations), options),
    ["--j2k", var seedDirectory, var iterations, .. var options] => Jpeg2000CodestreamFuzzer.Run(seedDirectory, long.Parse(iterations), options),
    ["--replay", .. var paths] when paths.Length > 0 => ReplayCommand.Run(paths),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: HeadCt.Dicom.Fuzz                      (under afl-fuzz)");
    Console.Error.WriteLine("       HeadCt.Dicom.Fuzz --smoke <seed-dir> <iterations> [--seed N] [--start I] [--out DIR]");
    Console.Error.WriteLine("       HeadCt.Dicom.Fuzz --replay <file-or-dir>...");
    Console.Error.WriteLine("       HeadCt.Dicom.Fuzz --j2k <seed-dir> <iterations> [--seed N] [--out DIR]");
    return 2;
}
