using HeadCt.Imaging;
using HeadCt.Imaging.Anatomy;
using HeadCt.Imaging.Selection;

namespace HeadCt.Inference.Tests;

/// <summary>
/// The real series of the shared corpus (../shared/dicom-corpus), each built once for the tests of a collection: the
/// two head CTs, the abdomen CT (3 slices of a colonography, GE LightSpeed) and the MR brain (built with MR admitted,
/// as a model would see it if the series selection let it through), with their intracranial masks.
/// </summary>
public sealed class CorpusStudies
{
    public const string GeHead = "series/ct_head_ge_hispeed_gantry_tilt";
    public const string ToshibaHead = "series/ct_head_toshiba_aquilion_axial_brain";
    public const string AbdomenCt = "series/ct_3slice_implicit_dcmqi";
    public const string MrBrain = "series/mr_brain_ge_pd_axial";

    private readonly Dictionary<string, Lazy<(StudyImagingResult Imaging, IntracranialMask Cavity)>> _studies = [];

    public CorpusStudies()
    {
        foreach (var series in new[] { GeHead, ToshibaHead, AbdomenCt, MrBrain })
            _studies[series] = new Lazy<(StudyImagingResult, IntracranialMask)>(() => BuildWithCavity(series));
    }

    public static string Root { get; } = Path.GetFullPath(Path.Combine(CompatibilityPython.RepositoryRoot, "..", "shared", "dicom-corpus"));

    public static IReadOnlyList<string> RealCtHeads { get; } = [GeHead, ToshibaHead];

    public StudyImagingResult Imaging(string series) => _studies[series].Value.Imaging;

    public IntracranialMask Cavity(string series) => _studies[series].Value.Cavity;

    public static string Folder(string series) => Path.Combine(Root, series);

    public static StudyImagingResult Build(string series) => StudyImaging.Build(Directory.GetFiles(Folder(series)), new ImagingOptions
    {
        Selection = SeriesSelectionOptions.Default with { Modalities = ["CT", "MR"] },
        Projections = [],
    });

    private static (StudyImagingResult, IntracranialMask) BuildWithCavity(string series)
    {
        var imaging = Build(series);
        var volume = imaging.Volume ?? throw new InvalidOperationException($"{series}: {imaging.FailureReason}");
        return (imaging, IntracranialMaskBuilder.Compute(volume));
    }
}

[CollectionDefinition(Name)]
public sealed class CorpusCollection : ICollectionFixture<CorpusStudies>
{
    public const string Name = "corpus studies";
}
