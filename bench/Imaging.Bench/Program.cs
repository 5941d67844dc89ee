using BenchmarkDotNet.Running;
using HeadCt.Imaging.Bench;

// dotnet run -c Release --project bench/Imaging.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(SeriesToPngBenchmarks).Assembly).Run(args);
