using HeadCt.Dicom.Bench;
using HeadCt.PerfGuard;
using HeadCt.PerfGuard.Jpeg2000;

// dotnet run -c Release --project bench/PerfGuard [-- --update-baseline]   the CI ratios against bench/perf-baseline.json
// dotnet run -c Release --project bench/PerfGuard -- j2k [rounds]        JPEG 2000 against OpenJPEG in-process, the README table
// dotnet run -c Release --project bench/PerfGuard -- j2k-profile ours|openjpeg <corpus entry> <seconds>
return args switch
{
    ["j2k", .. var rest] => Jpeg2000Comparison.Run(rest),
    ["j2k-profile", .. var rest] => Jpeg2000Profile.Run(rest),
    ["measure-one", var group] => RegressionCheck.MeasureOne(int.Parse(group, System.Globalization.CultureInfo.InvariantCulture)),
    _ => RegressionCheck.Run(
        Path.Combine(CorpusLocator.RepositoryRoot(), "bench", "perf-baseline.json"),
        update: args.Contains("--update-baseline")),
};
