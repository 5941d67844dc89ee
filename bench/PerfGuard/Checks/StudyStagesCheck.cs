using HeadCt.Dicom.Bench;
using HeadCt.Imaging;
using HeadCt.Imaging.Selection;
using HeadCt.Imaging.Volume;
using HeadCt.Inference.Models;
using HeadCt.Inference.Prediction;
using HeadCt.PerfGuard.Clocks;

namespace HeadCt.PerfGuard.Checks;

/// <summary>
/// The processor's stages for one study, called as the processor calls them, on the GE head series (28 slices, files
/// on disk): parse (<see cref="InstanceFile.Read"/> of every file), volume (<see cref="StudyImaging.Build(IReadOnlyList{InstanceFile}, ImagingOptions?)"/>
/// without projections, as the processor's imaging stage) and inference (<see cref="VolumePredictor.Predict"/> with the
/// committed model: preprocessing, ONNX Runtime, CAM). The reference is copying the study's decoded pixels (28 × 512 KiB)
/// ten times. Everything on the calling thread (volume building with MaxDegreeOfParallelism 1, ONNX Runtime with one
/// intra-op thread) and timed by its CPU clock: spread over pool threads, the CPU time would also count their spinning.
/// </summary>
internal sealed class StudyStagesCheck : IRatioCheck
{
    private const int Rounds = 9;
    private const int ParseRepeats = 4;

    public IReadOnlyDictionary<string, string> Describes { get; } = new Dictionary<string, string>
    {
        ["study-parse/copy"] = "InstanceFile.Read of the 28 files / copying the study's 14.7 MB of pixels ten times",
        ["study-volume/copy"] = "StudyImaging.Build on one thread (series selection, decode, HU, tilt correction, resampling) / the same copy",
        ["study-inference/copy"] = "VolumePredictor.Predict with the committed model (preprocessing, ONNX Runtime on 1 thread, CAM) / the same copy",
    };

    public IReadOnlyList<Ratio> Measure()
    {
        var paths = CorpusLocator.FilesIn(CorpusSeries.FolderOf(SeriesEncoding.ExplicitLittleEndian));
        var manifest = Path.Combine(CorpusLocator.RepositoryRoot(), "models", "hemorrhage-phantom-cnn" + ModelLoader.ManifestSuffix);
        var predictor = new VolumePredictor(ModelLoader.Load(manifest, intraOpThreads: 1));
        var options = new ImagingOptions { Projections = [], Volume = VolumeOptions.Default with { MaxDegreeOfParallelism = 1 } };
        var source = new byte[paths.Length * 512 * 1024];
        Random.Shared.NextBytes(source);
        var target = new byte[source.Length];
        IReadOnlyList<InstanceFile> instances = paths.Select(InstanceFile.Read).ToList();
        CtVolume volume = StudyImaging.Build(instances, options).Volume ?? throw new InvalidOperationException("no volume from the GE series");
        // ONNX Runtime takes about four runs to settle (its arena grows, kernels are chosen): 150-300 ms of CPU, then 35
        var samples = RoundTimer.Rounds(Rounds, warmUp: 6,
            (Clock.Thread, () =>
            {
                for (var r = 0; r < 10; r++)
                    source.AsSpan().CopyTo(target);
            }),
            (Clock.Thread, () =>
            {
                for (var r = 0; r < ParseRepeats; r++)
                    instances = paths.Select(InstanceFile.Read).ToList();
            }),
            (Clock.Thread, () => volume = StudyImaging.Build(instances, options).Volume!),
            (Clock.Thread, () => predictor.Predict(volume)));
        return
        [
            Ratio.Paired("study-parse/copy", samples[1], ParseRepeats, samples[0], 1),
            Ratio.Paired("study-volume/copy", samples[2], 1, samples[0], 1),
            Ratio.Paired("study-inference/copy", samples[3], 1, samples[0], 1),
        ];
    }
}
