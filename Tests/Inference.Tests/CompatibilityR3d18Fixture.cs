using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using HeadCt.Imaging;
using HeadCt.Imaging.Volume;
using HeadCt.Inference.Models;
using HeadCt.Inference.Phantoms;
using HeadCt.Inference.Prediction;
using HeadCt.Inference.Preprocessing;

namespace HeadCt.Inference.Tests;

/// <summary>
/// Runs the original r3d_18 pipeline twice on one phantom head-CT series written with our DICOM writer (Rescale
/// Intercept −1024, so windows on stored values and on HU differ): in PyTorch (training/r3d18/reference.py: pydicom,
/// the original preprocessing exactly, the torch model) and through ours (DicomReader → the slices as acquired, sorted
/// by z, stored values → VolumePreprocessor with the template's switches → ONNX Runtime on the export of
/// training/export_r3d18.py). Both build the same randomly initialised r3d_18 from seed 0. Nothing runs when PyTorch is
/// missing (the tests are skipped then).
/// </summary>
public sealed class CompatibilityR3d18Fixture : IDisposable
{
    /// <summary>256² → 128² in-plane: nearest-floor takes every second pixel.</summary>
    public static readonly HeadPhantomSpec SeriesSpec = Lesioned(21) with { SizeX = 256, SizeY = 256, SizeZ = 24, PixelSpacingMm = 0.9, SliceSpacingMm = 6.5 };

    private readonly TempFolder _folder = new();

    public CompatibilityR3d18Fixture()
    {
        if (CompatibilityPython.MissingReason is not null)
            return;
        var series = Path.Combine(_folder.Path, "series");
        var paths = PhantomDicomWriter.Write(HeadPhantomGenerator.Generate(SeriesSpec), series);
        var modelFolder = Path.Combine(_folder.Path, "model");
        var referenceFolder = Path.Combine(_folder.Path, "reference");

        var watch = Stopwatch.StartNew();
        CompatibilityPython.Run("training/export_r3d18.py", "--random-init", "--seed", "0", "--out", modelFolder);
        ExportTime = watch.Elapsed;
        watch.Restart();
        CompatibilityPython.Run("training/r3d18/reference.py", "--series", series, "--random-init", "--seed", "0", "--out", referenceFolder);
        TorchTime = watch.Elapsed;
        Reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(referenceFolder, "reference.json"))).RootElement.Clone();
        TorchTensor = ReadFloats(Path.Combine(referenceFolder, "tensor.f32"));
        TorchCam = ReadFloats(Path.Combine(referenceFolder, "cam.f32"));

        watch.Restart();
        var imaging = StudyImaging.Build(paths);
        Volume = imaging.Volume ?? throw new InvalidOperationException(imaging.FailureReason);
        ImagingTime = watch.Elapsed;
        ManifestPath = Path.Combine(modelFolder, "r3d18-random" + ModelLoader.ManifestSuffix);
        watch.Restart();
        Model = ModelLoader.Load(ManifestPath, 2);
        LoadTime = watch.Elapsed;
        var study = StudyInput.From(imaging, null);
        Tensor = VolumePreprocessor.Run(study.AcquiredSlices!(Model.Manifest.Input), Model.Manifest.Input);
        Prediction = new VolumePredictor(Model).Predict(study);
    }

    public TimeSpan ExportTime { get; }
    public TimeSpan TorchTime { get; }
    public TimeSpan ImagingTime { get; }
    public TimeSpan LoadTime { get; }
    public JsonElement Reference { get; }
    public float[] TorchTensor { get; } = [];
    public float[] TorchCam { get; } = [];
    public CtVolume Volume { get; } = null!;
    public string ManifestPath { get; } = "";
    public LoadedModel Model { get; } = null!;
    public ModelTensor Tensor { get; } = null!;
    public StudyPrediction Prediction { get; } = null!;

    public static float[] ReadFloats(string path) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();

    public static HeadPhantomSpec Lesioned(int seed)
    {
        var spec = HeadPhantomSpec.Random(seed, LesionKind.Intraparenchymal) with { HeadCentre = default };
        return spec with { Lesion = spec.Lesion! with { Hu = 80 } };
    }

    public void Dispose()
    {
        Model?.Dispose();
        _folder.Dispose();
    }
}
