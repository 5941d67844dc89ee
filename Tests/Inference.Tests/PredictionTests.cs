using System.Diagnostics;
using HeadCt.Imaging;
using HeadCt.Inference.Phantoms;
using HeadCt.Inference.Prediction;
using Xunit.Abstractions;

namespace HeadCt.Inference.Tests;

/// <summary>
/// The predictor's mechanics with the committed demonstrator (attention on the volume grid, DICOM round trip, timing);
/// what it detects is in <see cref="DemonstratorDetectionTests"/>.
/// </summary>
public sealed class PredictionTests(PredictorFixture fixture, ITestOutputHelper output) : IClassFixture<PredictorFixture>
{
    [Fact]
    public void GivenAPrediction_WhenAttentionIsMapped_ThenItCoversTheVolumeGridAndThePeakIsItsMaximumWithPatientPosition()
    {
        var phantom = HeadPhantomGenerator.Generate(ClearLesion(9101, LesionKind.Intraparenchymal));
        var attention = fixture.Predictor.Predict(phantom.Volume).Attention;
        Assert.NotNull(attention);
        var g = phantom.Volume.Geometry;
        Assert.Equal(g.VoxelCount, attention.Values.Length);
        var max = attention.Values.Max();
        Assert.True(attention.Values.Min() >= 0, "CAM is ReLU'd");
        if (attention.Peak is not { } peak)
        {
            Assert.Equal(0f, max);
            Assert.Empty(attention.KeySlices);
            return;
        }
        Assert.Equal(max, attention.Values[(peak.Z * g.SizeY + peak.Y) * g.SizeX + peak.X]);
        Assert.Equal(g.PatientPosition(peak.X, peak.Y, peak.Z), peak.PatientMm);
        Assert.Equal(peak.Z, attention.KeySlices[0]);
    }

    /// <summary>A random head and lesion, the lesion made clearly hyperdense (80 HU); its size and place stay random.</summary>
    private static HeadPhantomSpec ClearLesion(int seed, LesionKind kind)
    {
        var spec = HeadPhantomSpec.Random(seed, kind);
        return spec with { Lesion = spec.Lesion! with { Hu = 80 } };
    }

    [Fact]
    public void GivenAPhantomWrittenAsDicom_WhenReadBackAndPredicted_ThenAScoreAndModelIdentityComeBackAndAreTimed()
    {
        using var folder = new TempFolder();
        var phantom = HeadPhantomGenerator.Generate(ClearLesion(7, LesionKind.Epidural));
        var paths = PhantomDicomWriter.Write(phantom, Path.Combine(folder.Path, "study"));
        var imaging = StudyImaging.Build(paths);
        Assert.True(imaging.Succeeded, imaging.FailureReason);
        Assert.Equal(phantom.Volume.Geometry.SizeZ, imaging.Volume!.Geometry.SizeZ);

        var predictor = fixture.Predictor;
        predictor.Predict(imaging.Volume);
        var watch = Stopwatch.StartNew();
        var prediction = predictor.Predict(imaging.Volume);
        output.WriteLine($"one study ({imaging.Volume.Geometry.SizeX}×{imaging.Volume.Geometry.SizeY}×{imaging.Volume.Geometry.SizeZ}): " +
            $"{watch.Elapsed.TotalMilliseconds:F1} ms total, preprocessing {prediction.Preprocessing.TotalMilliseconds:F1} ms, " +
            $"ONNX + CAM {prediction.Inference.TotalMilliseconds:F1} ms; p = {prediction.Probability:F3}");
        Assert.Equal(fixture.Model.Identity, prediction.Model);
        Assert.InRange(prediction.Probability, 0, 1);
    }

    /// <summary>
    /// The aim is 300 ms per study on 2 cores (figures in training/README.md). The bound is on the fastest of five
    /// runs and far looser, so a busy shared machine does not fail it while a per-voxel allocation or a lost
    /// vectorisation (several seconds on the 300-slice study) still does.
    /// </summary>
    [Theory]
    [InlineData(34, 72, 4.8)]
    [InlineData(300, 256, 0.6)]
    public void GivenAStudyOfSomeSlices_WhenPredictedRepeatedly_ThenItsTimeIsWithinALooseBound(int slices, int inPlane, double sliceSpacingMm)
    {
        var spec = HeadPhantomSpec.Random(TestPhantoms.Seed(400), LesionKind.Intraparenchymal) with
        {
            SizeX = inPlane, SizeY = inPlane, SizeZ = slices, PixelSpacingMm = 194.4 / inPlane, SliceSpacingMm = sliceSpacingMm,
        };
        var volume = HeadPhantomGenerator.Generate(spec).Volume;
        var predictor = fixture.Predictor;
        predictor.Predict(volume);
        var totals = new double[5];
        var (preprocessing, inference) = (new double[5], new double[5]);
        for (var i = 0; i < totals.Length; i++)
        {
            var watch = Stopwatch.StartNew();
            var prediction = predictor.Predict(volume);
            totals[i] = watch.Elapsed.TotalMilliseconds;
            (preprocessing[i], inference[i]) = (prediction.Preprocessing.TotalMilliseconds, prediction.Inference.TotalMilliseconds);
        }
        Array.Sort(totals);
        Array.Sort(preprocessing);
        Array.Sort(inference);
        output.WriteLine($"{inPlane}×{inPlane}×{slices}: median {totals[2]:F1} ms (preprocessing {preprocessing[2]:F1} ms, ONNX + CAM {inference[2]:F1} ms), " +
            $"fastest {totals[0]:F1} ms");
        Assert.True(totals[0] < 2000, $"fastest {totals[0]:F1} ms");
    }
}
