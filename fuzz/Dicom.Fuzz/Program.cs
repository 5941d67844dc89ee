using HeadCt.Dicom.Fuzz;

// No arguments: the AFL++ target (run by fuzz/run-afl.sh under afl-fuzz).
// --smoke <seed-dir> <iterations> [--seed N] [--start I] [--out DIR]: in-process mutation fuzzing.
// --replay <file-or-dir>...: runs the target on saved inputs and prints each distinct crash.
// --j2k <seed-dir> <iterations> [--seed N] [--out DIR]: JPEG 2000 decoder on mutated bare codestreams.
// --dimse <seed-dir> <iterations> [--seed N] [--start I] [--out DIR]: PDU, PDV and command set parsing and whole SCP sessions.
// --dimse-seeds <dir>: writes the DIMSE seed inputs (and records a DCMTK storescu/echoscu session when DCMTK is installed).
// HEADCT_FUZZ_TARGET=dimse with no arguments: the DIMSE target under afl-fuzz.
return args switch
{
    [] => AflEntryPoint.Run(Environment.GetEnvironmentVariable("HEADCT_FUZZ_TARGET") == "dimse"),
    ["--smoke", var seedDirectory, var iterations, .. var options] => SmokeCommand.Run(seedDirectory, long.Parse(iterations), options),
    ["--j2k", var seedDirectory, var iterations, .. var options] => Jpeg2000CodestreamFuzzer.Run(seedDirectory, long.Parse(iterations), options),
    ["--dimse", var seedDirectory, var iterations, .. var options] => SmokeCommand.RunDimse(seedDirectory, long.Parse(iterations), options),
    ["--dimse-seeds", var directory] => DimseSeeds.Write(directory),
    ["--replay", .. var paths] when paths.Length > 0 => ReplayCommand.Run(paths),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: HeadCt.Dicom.Fuzz                      (under afl-fuzz)");
    Console.Error.WriteLine("       HeadCt.Dicom.Fuzz --smoke <seed-dir> <iterations> [--seed N] [--start I] [--out DIR]");
    Console.Error.WriteLine("       HeadCt.Dicom.Fuzz --replay <file-or-dir>...");
    Console.Error.WriteLine("       HeadCt.Dicom.Fuzz --j2k <seed-dir> <iterations> [--seed N] [--out DIR]");
    Console.Error.WriteLine("       HeadCt.Dicom.Fuzz --dimse <seed-dir> <iterations> [--seed N] [--start I] [--out DIR]");
    Console.Error.WriteLine("       HeadCt.Dicom.Fuzz --dimse-seeds <dir>");
    return 2;
}
