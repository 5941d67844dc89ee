using HeadCt.Imaging.Projections;
using HeadCt.Imaging.Rendering;
using HeadCt.Imaging.Selection;
using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging.Tests;

/// <summary>
/// Rendered projections of a real series against reviewed PNGs in Golden/. Set HEADCT_UPDATE_GOLDEN=1 to rewrite
/// them (then look at them before committing); a missing golden fails.
/// </summary>
public sealed class GoldenImageTests
{
    public static TheoryData<string, AnatomicalPlane, ProjectionMode, double, string> Cases => new()
    {
        { "toshiba-axial-brain", AnatomicalPlane.Axial, ProjectionMode.Plane, 0, "brain" },
        { "toshiba-coronal-brain", AnatomicalPlane.Coronal, ProjectionMode.Plane, 0, "brain" },
        { "toshiba-sagittal-brain", AnatomicalPlane.Sagittal, ProjectionMode.Plane, 0, "brain" },
        { "toshiba-axial-mip20-bone", AnatomicalPlane.Axial, ProjectionMode.Mip, 20, "bone" },
    };

    private static readonly Lazy<CtVolume> Volume = new(() =>
        VolumeBuilder.Build(Corpus.SeriesFiles(Corpus.ToshibaTilted).Select(InstanceFile.Read).ToList()).Volume);

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivenTheToshibaSeries_WhenRendered_ThenTheImageMatchesTheReviewedGolden(string name, AnatomicalPlane plane, ProjectionMode mode, double slabMm, string window)
    {
        var rendered = ProjectionRenderer.Render(Volume.Value, new ProjectionRequest(plane, mode, slabMm, Window.Find(window)!));
        var goldenPath = Path.Combine(Corpus.RepositoryRoot, "Tests", "Imaging.Tests", "Golden", name + ".png");
        if (Environment.GetEnvironmentVariable("HEADCT_UPDATE_GOLDEN") == "1")
            File.WriteAllBytes(goldenPath, rendered.Png);
        Assert.True(File.Exists(goldenPath), $"No golden image {goldenPath}");

        var expected = PngProbe.Grey(File.ReadAllBytes(goldenPath));
        var actual = PngProbe.Grey(rendered.Png);
        Assert.Equal(expected.GetLength(0), actual.GetLength(0));
        Assert.Equal(expected.GetLength(1), actual.GetLength(1));
        double total = 0;
        var farOff = 0;
        foreach (var (e, a) in expected.Cast<byte>().Zip(actual.Cast<byte>()))
        {
            var difference = Math.Abs(e - a);
            total += difference;
            if (difference > 8)
                farOff++;
        }
        // Tolerance for float rounding across platforms: mean error under one grey level, almost no pixel far off.
        Assert.True(total / expected.Length < 1, $"mean difference {total / expected.Length:0.00} grey levels");
        Assert.True(farOff < expected.Length / 1000, $"{farOff} pixels differ by more than 8 grey levels");
    }
}
