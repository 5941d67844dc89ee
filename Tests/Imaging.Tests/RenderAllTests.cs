using HeadCt.Imaging.Phantoms;
using HeadCt.Imaging.Rendering;
using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging.Tests;

/// <summary>
/// Rendering the catalogue at once (slabs shared across windows) must give exactly what one request at a time gives, and
/// the sizes a result document announces before anything is rendered must be the sizes rendered.
/// </summary>
public sealed class RenderAllTests
{
    private static readonly PhantomSpec Spec = new()
    {
        Columns = 48, Rows = 40, ColumnSpacingMm = 0.7, RowSpacingMm = 0.7,
        SliceCount = 20, SliceSpacingMm = 2.5, FirstTablePositionMm = -25,
        Markers = [new PhantomMarker(new Vector3d(6, -4, 5), RadiusMm: 3)],
    };

    [Fact]
    public void GivenTheWholeCatalogue_WhenRenderedAtOnce_ThenEachImageEqualsItsOwnRendering()
    {
        using var temp = new TempFolder();
        var volume = VolumeBuilder.Build(PhantomSeriesWriter.WriteAndRead(Spec, temp.Path)).Volume;
        var requests = ProjectionCatalogue.All(slabMm: 10);

        var all = ProjectionRenderer.RenderAll(volume, requests);

        Assert.Equal(requests.Count, all.Length);
        for (var i = 0; i < requests.Count; i++)
        {
            var single = ProjectionRenderer.Render(volume, requests[i]);
            Assert.Equal(requests[i].Key, all[i].Key);
            Assert.Equal((single.Width, single.Height), (all[i].Width, all[i].Height));
            Assert.Equal(PngProbe.Grey(single.Png), PngProbe.Grey(all[i].Png));
        }
    }

    [Fact]
    public void GivenAnisotropicVoxels_WhenSizedWithoutRendering_ThenEveryPlaneHasItsRenderedSize()
    {
        using var temp = new TempFolder();
        var volume = VolumeBuilder.Build(PhantomSeriesWriter.WriteAndRead(Spec, temp.Path)).Volume;

        foreach (var request in ProjectionCatalogue.All(slabMm: 10))
        {
            var rendered = ProjectionRenderer.Render(volume, request);
            Assert.Equal((rendered.Width, rendered.Height, rendered.PixelSizeMm), ProjectionRenderer.SizeOf(volume, request.Plane));
        }

        Assert.NotEqual(ProjectionRenderer.SizeOf(volume, Projections.AnatomicalPlane.Axial).Height,
            ProjectionRenderer.SizeOf(volume, Projections.AnatomicalPlane.Coronal).Height);
    }
}
