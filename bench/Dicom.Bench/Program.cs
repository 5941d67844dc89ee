using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using HeadCt.Dicom.Bench;

// dotnet run -c Release --project bench/Dicom.Bench -- --filter '*' --job short
// JPEG 2000 against OpenJPEG in-process: bench/PerfGuard (dotnet run -c Release --project bench/PerfGuard -- j2k)

// Min and Median next to Mean: on the shared 2-core machine the mean carries other people's builds.
var config = DefaultConfig.Instance
    .AddColumn(StatisticColumn.Min, StatisticColumn.Median)
    .AddColumn(new SlicesPerSecondColumn(), new DecodedMegabytesPerSecondColumn());
BenchmarkSwitcher.FromAssembly(typeof(DecodeBenchmarks).Assembly).Run(args, config);
