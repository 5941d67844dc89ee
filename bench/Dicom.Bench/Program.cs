using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using HeadCt.Dicom.Bench;

// dotnet run -c Release --project bench/Dicom.Bench -- --filter '*' --job short
// dotnet run -c Release --project bench/Dicom.Bench -- j2k-vs-openjpeg [repetitions]   (side by side with opj_decompress)
if (args.Length > 0 && args[0] == "j2k-vs-openjpeg")
{
    Jpeg2000VersusOpenJpeg.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 21);
    return;
}

// Min and Median next to Mean: on the shared 2-core machine the mean carries other people's builds.
var config = DefaultConfig.Instance
    .AddColumn(StatisticColumn.Min, StatisticColumn.Median)
    .AddColumn(new SlicesPerSecondColumn(), new DecodedMegabytesPerSecondColumn());
BenchmarkSwitcher.FromAssembly(typeof(DecodeBenchmarks).Assembly).Run(args, config);
