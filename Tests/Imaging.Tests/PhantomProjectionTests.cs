using HeadCt.Imaging.Phantoms;
using HeadCt.Imaging.Projections;
using HeadCt.Imaging.Rendering;
using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging.Tests;

/// <summary>
/// A marker at a known left, anterior, superior patient position must land where radiological conventions put it:
/// patient left on image right, anterior up in axial, superior up in coronal and sagittal (anterior on image left).
/// </summary>
public sealed class PhantomProjectionTests
{
    // LPS: +X is patient left, −Y anterior, +Z superior.
    private static readonly Vector3d LeftAnteriorSuperior = new(14, -11, 17);
    private static readonly Window MarkerOnly = Window.Custom(1500, 1000);

    private static readonly PhantomSpec Spec = new()
    {
        Columns = 64, Rows = 56, ColumnSpacingMm = 0.8, RowSpacingMm = 0.9,
        SliceCount = 24, SliceSpacingMm = 3, FirstTablePositionMm = -30,
        Markers = [new PhantomMarker(LeftAnteriorSuperior, RadiusMm: 2.5)],
    };

    /// <summary>The expected pixel of a patient coordinate on a display axis, after resampling to square pixels of <paramref name="pixelMm"/>.</summary>
    private static double ExpectedPixel(double coordinateMm, double firstMm, double spacingMm, int count, bool reversed, double pixelMm)
    {
        var index = (coordinateMm - firstMm) / spacingMm;
        if (reversed)
            index = count - 1 - index;
        var outputCount = Math.Round(count * spacingMm / pixelMm);
        return (index + 0.5) * outputCount / count - 0.5;
    }

    [Fact]
    public void GivenAMarkerLeftAnteriorSuperior_WhenProjected_ThenItAppearsAtTheConventionalPixelInEachPlane()
    {
        using var temp = new TempFolder();
        var volume = VolumeBuilder.Build(PhantomSeriesWriter.WriteAndRead(Spec, temp.Path)).Volume;
        var firstX = -(Spec.Columns - 1) / 2.0 * Spec.ColumnSpacingMm;
        var firstY = -(Spec.Rows - 1) / 2.0 * Spec.RowSpacingMm;
        var firstZ = Spec.FirstTablePositionMm;
        var pixelMm = Math.Min(Spec.ColumnSpacingMm, Spec.RowSpacingMm);
        var m = LeftAnteriorSuperior;

        var expectations = new (AnatomicalPlane Plane, double Column, double Row)[]
        {
            (AnatomicalPlane.Axial,
                ExpectedPixel(m.X, firstX, Spec.ColumnSpacingMm, Spec.Columns, false, pixelMm),
                ExpectedPixel(m.Y, firstY, Spec.RowSpacingMm, Spec.Rows, false, pixelMm)),
            (AnatomicalPlane.Coronal,
                ExpectedPixel(m.X, firstX, Spec.ColumnSpacingMm, Spec.Columns, false, Math.Min(Spec.ColumnSpacingMm, Spec.SliceSpacingMm)),
                ExpectedPixel(m.Z, firstZ, Spec.SliceSpacingMm, Spec.SliceCount, true, Math.Min(Spec.ColumnSpacingMm, Spec.SliceSpacingMm))),
            (AnatomicalPlane.Sagittal,
                ExpectedPixel(m.Y, firstY, Spec.RowSpacingMm, Spec.Rows, false, Math.Min(Spec.RowSpacingMm, Spec.SliceSpacingMm)),
                ExpectedPixel(m.Z, firstZ, Spec.SliceSpacingMm, Spec.SliceCount, true, Math.Min(Spec.RowSpacingMm, Spec.SliceSpacingMm))),
        };
        foreach (var (plane, column, row) in expectations)
        {
            var image = ProjectionRenderer.Render(volume, new ProjectionRequest(plane, ProjectionMode.Mip, 500, MarkerOnly));
            var grey = PngProbe.Grey(image.Png);
            var found = PngProbe.BrightCentroid(grey);
            Assert.True(found.Count > 0, $"{plane}: marker not visible");
            Assert.True(Math.Abs(found.Column - column) < 1.5 && Math.Abs(found.Row - row) < 1.5,
                $"{plane}: marker at ({found.Column:0.0}, {found.Row:0.0}), expected ({column:0.0}, {row:0.0}) in {image.Width}×{image.Height}");
        }
    }

    [Fact]
    public void GivenAMarkerOnPatientLeft_WhenRenderedAxially_ThenItIsOnTheImageRightAndAnteriorIsUp()
    {
        using var temp = new TempFolder();
        var volume = VolumeBuilder.Build(PhantomSeriesWriter.WriteAndRead(Spec, temp.Path)).Volume;
        var image = ProjectionRenderer.Render(volume, new ProjectionRequest(AnatomicalPlane.Axial, ProjectionMode.Mip, 500, MarkerOnly));
        var found = PngProbe.BrightCentroid(PngProbe.Grey(image.Png));
        Assert.True(found.Column > image.Width / 2.0, "patient left must be on the image right");
        Assert.True(found.Row < image.Height / 2.0, "anterior must be up");
    }

    [Fact]
    public void GivenThickSlices_WhenRenderedCoronally_ThenTheImageHasTheTrueAspectRatio()
    {
        using var temp = new TempFolder();
        var volume = VolumeBuilder.Build(PhantomSeriesWriter.WriteAndRead(Spec with { Markers = [] }, temp.Path)).Volume;
        var image = ProjectionRenderer.Render(volume, ProjectionRequest.CentrePlane(AnatomicalPlane.Coronal));
        var widthMm = Spec.Columns * Spec.ColumnSpacingMm;
        var heightMm = Spec.SliceCount * Spec.SliceSpacingMm;
        Assert.Equal(widthMm / heightMm, (double)image.Width / image.Height, 2);
        Assert.Equal(Spec.ColumnSpacingMm, image.PixelSizeMm, 9);
    }

    [Theory]
    [InlineData(AnatomicalPlane.Axial)]
    [InlineData(AnatomicalPlane.Coronal)]
    [InlineData(AnatomicalPlane.Sagittal)]
    public void GivenASlab_WhenProjected_ThenMipMinIpAndMeanBoundAndAverageTheSlabPlanes(AnatomicalPlane plane)
    {
        var volume = VolumeBuilder.Build(Corpus.SeriesFiles(Corpus.ToshibaTilted).Select(Selection.InstanceFile.Read).ToList()).Volume;
        const double slabMm = 15;
        var mip = SlabProjector.Project(volume, plane, ProjectionMode.Mip, slabMm);
        var minIp = SlabProjector.Project(volume, plane, ProjectionMode.MinIp, slabMm);
        var mean = SlabProjector.Project(volume, plane, ProjectionMode.Mean, slabMm);
        var depth = SlabProjector.DepthOf(volume, plane);
        var centre = depth / 2;
        var planes = Enumerable.Range(0, depth).Select(d => SlabProjector.Project(volume, plane, ProjectionMode.Plane, 0, d)).ToArray();
        var depthSpacing = plane == AnatomicalPlane.Axial ? volume.Geometry.SpacingZ : volume.Geometry.SpacingX;
        var count = (int)Math.Round(slabMm / depthSpacing);
        var slab = planes.Skip(centre - count / 2).Take(count).ToArray();
        Assert.True(count > 1);
        for (var i = 0; i < mip.Pixels.Length; i += 97)
        {
            var values = slab.Select(p => p.Pixels[i]).ToArray();
            Assert.Equal(values.Max(), mip.Pixels[i]);
            Assert.Equal(values.Min(), minIp.Pixels[i]);
            Assert.Equal(values.Average(), mean.Pixels[i], tolerance: 0.01);
        }
    }
}
