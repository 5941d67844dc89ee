using HeadCt.Imaging.Phantoms;
using HeadCt.Imaging.Rendering;
using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging.Tests;

public sealed class ViewerSliceTests
{
    [Fact]
    public void GivenAMarkerAtAKnownHeight_WhenAxialSlicesAreRenderedByIndex_ThenOnlyTheSlicesThroughItShowIt()
    {
        using var temp = new TempFolder();
        var spec = new PhantomSpec { SliceCount = 20, SliceSpacingMm = 2, FirstTablePositionMm = -20, Markers = [new PhantomMarker(new(0, 0, 10), 1.5)] };
        var volume = VolumeBuilder.Build(PhantomSeriesWriter.WriteAndRead(spec, temp.Path)).Volume;
        var markerIndex = (int)Math.Round((10 - spec.FirstTablePositionMm) / spec.SliceSpacingMm);
        var window = Window.Custom(1500, 1000);

        Assert.Equal(spec.SliceCount, ProjectionRenderer.AxialSliceCount(volume));
        for (var index = 0; index < spec.SliceCount; index++)
        {
            var found = PngProbe.BrightCentroid(PngProbe.Grey(ProjectionRenderer.RenderAxialSlice(volume, index, window).Png));
            Assert.Equal(index == markerIndex, found.Count > 0);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => ProjectionRenderer.RenderAxialSlice(volume, spec.SliceCount, window));
    }

    [Fact]
    public void GivenTheCatalogue_WhenListed_ThenEveryPlaneWindowAndModeHasOneDistinctKey()
    {
        var catalogue = ProjectionCatalogue.All(10);
        Assert.Equal(3 * Window.Presets.Count * 4, catalogue.Count);
        Assert.Equal(catalogue.Count, catalogue.Select(r => r.Key).Distinct().Count());
        Assert.Contains(catalogue, r => r.Key == "coronal-mip-10mm-brain");
    }
}
