using HeadCt.Dicom;
using HeadCt.Imaging;
using HeadCt.Imaging.Anatomy;
using HeadCt.Imaging.Volume;
using HeadCt.Inference.Applicability;
using HeadCt.Inference.Models;
using Xunit.Abstractions;

namespace HeadCt.Inference.Tests;

/// <summary>
/// Issue 15 §2 and §8: each check the committed model's manifest declares refuses the case it exists for, on real
/// series of the corpus (the MR brain, the abdomen CT, a head cut by the field of view) and on the GE head rewritten
/// with a contrast agent, a slice thickness out of range or a child's age; the Toshiba head passes every pre-model check,
/// the GE head (7 mm slices) fails the slice-thickness check only.
/// </summary>
[Collection(CorpusCollection.Name)]
public sealed class ApplicabilityCheckTests(CorpusStudies corpus, ITestOutputHelper output)
{
    private static readonly ApplicabilitySpec Spec = ManifestReader.Read(RepositoryModels.ManifestPath).Applicability;

    [Fact]
    public void GivenTheToshibaHead_WhenChecked_ThenEveryPreModelCheckPasses()
    {
        var checks = Check(corpus.Imaging(CorpusStudies.ToshibaHead), corpus.Cavity(CorpusStudies.ToshibaHead));

        Assert.All(checks, check => Assert.True(check.Passed, $"{check.Name}: {check.Reason}"));
        Assert.Equal([ApplicabilityCheck.Modality, ApplicabilityCheck.Head, ApplicabilityCheck.SliceThickness, ApplicabilityCheck.Contrast, ApplicabilityCheck.Age],
            checks.Select(check => check.Name));
    }

    /// <summary>The GE HiSpeed series is a real head with 7 mm slices: refused for that reason alone.</summary>
    [Fact]
    public void GivenTheGeHeadWithItsSevenMillimetreSlices_WhenChecked_ThenOnlyTheSliceThicknessCheckRefusesIt()
    {
        var checks = Check(corpus.Imaging(CorpusStudies.GeHead), corpus.Cavity(CorpusStudies.GeHead));

        var refused = Assert.Single(checks, check => !check.Passed);
        Assert.Equal(ApplicabilityCheck.SliceThickness, refused.Name);
        Assert.StartsWith("7", refused.Value);
        output.WriteLine(refused.Reason);
    }

    [Fact]
    public void GivenTheMrBrain_WhenChecked_ThenTheModalityCheckRefusesIt()
    {
        var modality = Single(Check(corpus.Imaging(CorpusStudies.MrBrain), corpus.Cavity(CorpusStudies.MrBrain)), ApplicabilityCheck.Modality);

        Assert.False(modality.Passed);
        Assert.Equal("MR", modality.Value);
        Assert.Contains("CT", modality.Reason);
    }

    [Fact]
    public void GivenTheAbdomenCt_WhenChecked_ThenTheHeadCheckRefusesIt()
    {
        var checks = Check(corpus.Imaging(CorpusStudies.AbdomenCt), corpus.Cavity(CorpusStudies.AbdomenCt));

        var head = Single(checks, ApplicabilityCheck.Head);
        Assert.False(head.Passed);
        Assert.True(Single(checks, ApplicabilityCheck.Modality).Passed);
        output.WriteLine(head.Reason);
    }

    [Theory]
    [InlineData("superior", 0, 512, 0, 24)]
    [InlineData("inferior", 0, 512, 9, 33)]
    [InlineData("left", 0, 330, 0, 33)]
    public void GivenARealHeadCutByTheFieldOfView_WhenChecked_ThenTheHeadCheckRefusesItNamingTheSide(string side, int x0, int x1, int z0, int z1)
    {
        var volume = Crop(corpus.Imaging(CorpusStudies.ToshibaHead).Volume!, x0, x1, z0, z1);
        var facts = StudyFacts.From(corpus.Imaging(CorpusStudies.ToshibaHead).Decision.Instances, volume, IntracranialMaskBuilder.Compute(volume));

        var head = Single(ApplicabilityChecker.Check(Spec, facts), ApplicabilityCheck.Head);

        output.WriteLine($"{head.Value}: {head.Reason}");
        Assert.False(head.Passed);
        Assert.Contains(side, head.Value);
    }

    [Fact]
    public void GivenAContrastStudy_WhenChecked_ThenTheContrastCheckRefusesIt()
    {
        using var folder = new TempFolder();
        var imaging = SeriesRewrite.Build(CorpusStudies.GeHead, folder, ds => ds.SetString(DicomTags.ContrastBolusAgent, DicomVr.LO, "IOHEXOL 350"));

        var contrast = Single(Check(imaging, corpus.Cavity(CorpusStudies.GeHead)), ApplicabilityCheck.Contrast);

        Assert.False(contrast.Passed);
        Assert.Contains("(0018,0010)", contrast.Reason);
        Assert.DoesNotContain("IOHEXOL", contrast.Reason);
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData("7.0")]
    public void GivenSlicesOutsideTheModelsRange_WhenChecked_ThenTheSliceThicknessCheckRefusesThem(string thickness)
    {
        using var folder = new TempFolder();
        var imaging = SeriesRewrite.Build(CorpusStudies.GeHead, folder, ds => ds.SetString(DicomTags.SliceThickness, DicomVr.DS, thickness));

        var check = Single(Check(imaging, corpus.Cavity(CorpusStudies.GeHead)), ApplicabilityCheck.SliceThickness);

        Assert.False(check.Passed);
        Assert.StartsWith(thickness.TrimEnd('0').TrimEnd('.'), check.Value);
    }

    [Fact]
    public void GivenAChild_WhenChecked_ThenTheAgeCheckRefusesIt_AndAnUnrecordedAgeIsNotChecked()
    {
        using var folder = new TempFolder();
        var child = SeriesRewrite.Build(CorpusStudies.GeHead, folder, ds => ds.SetString(DicomTags.PatientAge, DicomVr.AS, "008Y"));

        var age = Single(Check(child, corpus.Cavity(CorpusStudies.GeHead)), ApplicabilityCheck.Age);
        var unrecorded = Single(Check(corpus.Imaging(CorpusStudies.GeHead), corpus.Cavity(CorpusStudies.GeHead)), ApplicabilityCheck.Age);

        Assert.False(age.Passed);
        Assert.Equal("8 years", age.Value);
        Assert.True(unrecorded.Passed);
        Assert.Null(unrecorded.Value);
        Assert.Contains("not checked", unrecorded.Reason);
    }

    [Theory]
    [InlineData("CT HEAD WO CONTRAST", false)]
    [InlineData("CT, HEAD/BRAIN WO CONTRAST", false)]
    [InlineData("NON-CONTRAST HEAD", false)]
    [InlineData("CTA HEAD AND NECK", true)]
    [InlineData("HEAD C+", true)]
    [InlineData("POST CONTRAST AXIAL", true)]
    [InlineData("CT HEAD W/WO CONTRAST", null)]
    [InlineData("Brain Head 5.0", null)]
    public void GivenADescription_WhenClassified_ThenContrastIsReadFromIt(string description, bool? contrast) =>
        Assert.Equal(contrast, ContrastEvidence.Classify(description));

    private static IReadOnlyList<ApplicabilityCheck> Check(StudyImagingResult imaging, IntracranialMask cavity) =>
        ApplicabilityChecker.Check(Spec, StudyFacts.From(imaging.Decision.Instances, imaging.Volume!, cavity));

    private static ApplicabilityCheck Single(IEnumerable<ApplicabilityCheck> checks, string name) => checks.Single(check => check.Name == name);

    /// <summary>Columns [x0, x1) and slices [z0, z1) of a volume, as if the field of view and the scan range had been that small.</summary>
    private static CtVolume Crop(CtVolume volume, int x0, int x1, int z0, int z1)
    {
        var g = volume.Geometry;
        var (w, d) = (x1 - x0, z1 - z0);
        var voxels = new float[(long)w * g.SizeY * d];
        for (var z = 0; z < d; z++)
        {
            for (var y = 0; y < g.SizeY; y++)
                volume.Voxels.AsSpan(((z0 + z) * g.SizeY + y) * g.SizeX + x0, w).CopyTo(voxels.AsSpan((z * g.SizeY + y) * w, w));
        }
        var origin = g.PatientPosition(x0, 0, z0);
        return new CtVolume(voxels, g with { SizeX = w, SizeZ = d, Origin = origin });
    }
}
