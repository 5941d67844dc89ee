using HeadCt.Dicom;
using HeadCt.Imaging;
using HeadCt.Imaging.Volume;
using HeadCt.Inference.Attention;
using HeadCt.Platform.Tests.Support;
using HeadCt.Processor.Attention;
using HeadCt.Processor.DicomResults;

namespace HeadCt.Platform.Tests.DicomResults;

/// <summary>
/// The result objects of a real head CT series of the corpus (Toshiba Aquilion, axial), with a synthetic attention
/// blob: written once, to a temporary folder, for every conformance test.
/// </summary>
public sealed class ResultObjectFixture : IDisposable
{
    public const string Series = "series/ct_head_toshiba_aquilion_axial_brain";
    public static readonly DateTimeOffset Completed = new(2026, 12, 4, 11, 0, 0, TimeSpan.Zero);

    public ResultObjectFixture()
    {
        var imaging = StudyImaging.Build(CorpusFiles.SeriesFiles(Series));
        Volume = imaging.Volume ?? throw new InvalidOperationException(imaging.FailureReason);
        var first = DicomReader.ReadFile(imaging.Decision.Instances[0].Path, new DicomReadOptions { StopBeforePixelData = true });
        Source = SourceStudy.From(first.Dataset, [.. imaging.Decision.Instances.Select(instance => new SourceInstance(
            instance.Header.SopClassUid!, instance.Header.SopInstanceUid!, instance.Header.ImagePositionPatient))]);
        Attention = new AttentionRenderer(Volume, Blob(Volume, out var peak));
        var place = Attention.Peak(peak)!;
        Evaluated = new ResultObjectRequest("0123456789abcdef0123456789abcdef", Source, Model, new StudyFinding(0.87, 0.5392, true, null), Completed)
        {
            Volume = Volume,
            PeakPatientMm = place.PatientMm,
            KeySlices = [place.Slice, Math.Max(0, place.Slice - 1)],
        };
        NotApplicable = new ResultObjectRequest(Evaluated.StudyId, Source, Model,
            new StudyFinding(null, 0.5392, null, "The slice thickness 7 mm is above the model's 5 mm."), Completed);
        Objects = ResultObjectWriter.Write(Evaluated, Attention);
        NotApplicableObjects = ResultObjectWriter.Write(NotApplicable, null);
        Directory.CreateDirectory(Folder);
        foreach (var item in Objects)
            File.WriteAllBytes(PathOf(item), item.Bytes);
        foreach (var item in NotApplicableObjects)
            File.WriteAllBytes(Path.Combine(Folder, "not-applicable-" + item.Name + ".dcm"), item.Bytes);
    }

    public static ModelIdentity Model { get; } = new("hemorrhage-phantom-cnn", "0.3.0",
        "e449d3acfea1dc76e0cfa4f8cd407deff016a9cdf1edf343a1502d34411d8c42", "DEMONSTRATOR ONLY. Not a medical device.", ["attention=cam"]);

    public CtVolume Volume { get; }
    public SourceStudy Source { get; }
    public AttentionRenderer Attention { get; }
    public ResultObjectRequest Evaluated { get; }
    public ResultObjectRequest NotApplicable { get; }
    public IReadOnlyList<ResultObject> Objects { get; }
    public IReadOnlyList<ResultObject> NotApplicableObjects { get; }
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "headct-result-objects-" + Guid.NewGuid().ToString("N"));

    public IEnumerable<string> AllFiles => Directory.GetFiles(Folder).Order(StringComparer.Ordinal);

    public string PathOf(ResultObject item) => Path.Combine(Folder, item.Name + ".dcm");

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    /// <summary>A Gaussian of attention 12 mm wide off the volume centre, as a model's map would be.</summary>
    private static AttentionMap Blob(CtVolume volume, out AttentionPeak peak)
    {
        var g = volume.Geometry;
        var (cx, cy, cz) = (g.SizeX * 0.6, g.SizeY * 0.45, g.SizeZ / 2.0);
        var values = new float[g.VoxelCount];
        for (var z = 0; z < g.SizeZ; z++)
        for (var y = 0; y < g.SizeY; y++)
        for (var x = 0; x < g.SizeX; x++)
        {
            var d2 = Math.Pow((x - cx) * g.SpacingX, 2) + Math.Pow((y - cy) * g.SpacingY, 2) + Math.Pow((z - cz) * g.SpacingZ, 2);
            values[((long)z * g.SizeY + y) * g.SizeX + x] = (float)Math.Exp(-d2 / (2 * 12.0 * 12.0));
        }

        var (px, py, pz) = ((int)Math.Round(cx), (int)Math.Round(cy), (int)Math.Round(cz));
        peak = new AttentionPeak(px, py, pz, g.PatientPosition(px, py, pz), values[((long)pz * g.SizeY + py) * g.SizeX + px]);
        return new AttentionMap(values, peak, [pz]) { Grid = new AttentionGrid([1f], 1, 1, 1) };
    }
}
