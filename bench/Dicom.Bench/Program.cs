using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using HeadCt.Dicom.Bench;

// dotnet run -c Release --project bench/Dicom.Bench -- --filter '*' --job short
var config = DefaultConfig.Instance
    .AddColumn(new SlicesPerSecondColumn(), new DecodedMegabytesPerSecondColumn());
BenchmarkSwitcher.FromAssembly(typeof(DecodeBenchmarks).Assembly).Run(args, config);
