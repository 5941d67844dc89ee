using HeadCt.Imaging;
using HeadCt.Inference.Models;
using HeadCt.Inference.Prediction;

/// <summary>Scores DICOM series folders with a model, as the processor would, and prints one line per series.</summary>
internal static class SeriesScore
{
    public static int Run(string manifest, IEnumerable<string> folders)
    {
        using var model = ModelLoader.Load(manifest, 2);
        var predictor = new VolumePredictor(model);
        foreach (var folder in folders)
        {
            var result = StudyImaging.Build(Directory.EnumerateFiles(folder), ImagingOptions.Default with { Projections = [] });
            if (result.Volume is not { } volume)
            {
                Console.WriteLine($"{folder}\tno volume: {result.FailureKind}: {result.FailureReason}");
                continue;
            }
            var p = predictor.Predict(volume);
            var g = volume.Geometry;
            var peak = p.Attention?.Peak;
            Console.WriteLine($"{folder}\t{g.SizeX}x{g.SizeY}x{g.SizeZ}\tp={p.Probability:F6}\tpositive={p.Positive}\tpeak={(peak is null ? "none" : $"({peak.X},{peak.Y},{peak.Z}) HU {volume[peak.X, peak.Y, peak.Z]:F0}")}\tkeys={string.Join(",", p.Attention?.KeySlices ?? [])}");
        }
        return 0;
    }
}
