using System.Diagnostics;
using HeadCt.Inference.Phantoms;

// phantoms tensors --out DIR --count N --seed S [--mix mixed|mimicsonly]
// phantoms score --series DIR [--series DIR…] [--model MANIFEST]
// phantoms write --out DIR [--lesion subdural] [--seed 7]
var options = CommandLine.Parse(args);
switch (options.Command)
{
    case "tensors":
        var watch = Stopwatch.StartNew();
        TrainingSetExporter.Export(options.Out, options.Count, options.Seed, DemonstratorInput.Default, options.Mix);
        Console.WriteLine($"{options.Count} samples written to {options.Out} in {watch.Elapsed.TotalSeconds:F1} s");
        return 0;
    case "write":
        var phantom = HeadPhantomGenerator.Generate(HeadPhantomSpec.Random(options.Seed, options.Lesion));
        var paths = PhantomDicomWriter.Write(phantom, options.Out);
        Console.WriteLine($"{paths.Count} slices written to {options.Out}; lesion: {options.Lesion?.ToString() ?? "none"} ({phantom.LesionVoxelCount} voxels)");
        return 0;
    case "score":
        return SeriesScore.Run(options.Model, options.Series);
    default:
        Console.Error.WriteLine("usage: phantoms tensors --out DIR --count N --seed S | phantoms write --out DIR [--lesion KIND] [--seed S]");
        return 2;
}
