using System.Text.Json;
using HeadCt.Inference.Phantoms;
using HeadCt.Inference.Preprocessing;

namespace HeadCt.Inference.Tests;

/// <summary>The training tensors as NumPy (and so train.py) reads them: every sample written, shapes as declared, masks agreeing with labels.</summary>
public sealed class TrainingSetExportTests
{
    [CompatibilityTorchFact]
    public void GivenAnExportOfSomeSamples_WhenNumPyLoadsIt_ThenShapesAndMasksAgreeWithTheLabels()
    {
        using var folder = new TempFolder();
        var input = DemonstratorInput.Default;
        TrainingSetExporter.Export(folder.Path, count: 6, seed: 11, input);

        using var loaded = JsonDocument.Parse(CompatibilityPython.RunCode(
            """
            import json, sys, numpy as np
            folder = sys.argv[1]
            inputs = np.load(folder + "/inputs.npy")
            masks = np.load(folder + "/masks.npy")
            print(json.dumps({
                "inputs": [str(inputs.dtype)] + list(inputs.shape),
                "masks": [str(masks.dtype)] + list(masks.shape),
                "labels": np.load(folder + "/labels.npy").tolist(),
                "kinds": json.load(open(folder + "/kinds.json")),
                "maskVoxels": [int(m.sum()) for m in masks],
                "sampleMin": [float(x.min()) for x in inputs],
                "sampleMax": [float(x.max()) for x in inputs],
            }))
            """,
            folder.Path));
        var root = loaded.RootElement;
        string Text(string name) => root.GetProperty(name).GetRawText();
        int[] Integers(string name) => root.GetProperty(name).EnumerateArray().Select(e => e.GetInt32()).ToArray();
        double[] Reals(string name) => root.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();

        Assert.Equal($"""["float32", 6, {input.Channels.Count}, {input.Depth}, {input.Height}, {input.Width}]""", Text("inputs"));
        Assert.Equal($"""["uint8", 6, {input.Depth}, {input.Height}, {input.Width}]""", Text("masks"));
        var labels = Integers("labels");
        Assert.Contains(0, labels);
        Assert.Contains(1, labels);
        Assert.Equal(labels, root.GetProperty("kinds").EnumerateArray().Select(k => k.GetString() == "None" ? 0 : 1));
        Assert.Equal(labels, Integers("maskVoxels").Select(voxels => voxels > 0 ? 1 : 0));
        // Every sample was written (an unwritten tail would read as zeros), inside the [0, 1] of the windows.
        Assert.All(Reals("sampleMin"), min => Assert.True(min >= 0));
        Assert.All(Reals("sampleMax"), max => Assert.InRange(max, 0.5, 1.0));
    }
}

/// <summary>Training renders only the voxels the preprocessing reads; that must change nothing the model sees.</summary>
public sealed class SampledRenderingTests
{
    [Theory]
    [InlineData(96, 2.4, 50, 3.1)]
    [InlineData(48, 4.2, 90, 1.7)]
    public void GivenAScannedPhantom_WhenRenderedOnlyWhereThePreprocessingReads_ThenItsTensorIsBitForBitTheFullRenderings(
        int matrix, double pixelMm, int slices, double sliceMm)
    {
        var spec = HeadPhantomSpec.RandomScan(TestPhantoms.Seed(9), LesionKind.Subdural) with
        {
            SizeX = matrix, SizeY = matrix, PixelSpacingMm = pixelMm, SizeZ = slices, SliceSpacingMm = sliceMm,
        };
        var input = DemonstratorInput.Default;

        var full = VolumePreprocessor.Run(HeadPhantomGenerator.Generate(spec).Volume, input);
        var subset = VolumePreprocessor.SourceIndices(spec.SizeX, spec.SizeY, spec.SizeZ, spec.SliceSpacingMm, input);
        var (sampled, _, _) = HeadPhantomGenerator.GenerateSampled(spec, subset);

        Assert.True(subset.Columns.Count(used => used) < matrix || matrix <= input.Width * 2);
        Assert.Equal(full.Data, VolumePreprocessor.Run(sampled, input).Data);
    }
}
