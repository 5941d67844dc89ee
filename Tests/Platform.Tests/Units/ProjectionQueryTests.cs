using HeadCt.Processor.Renderings;

namespace HeadCt.Platform.Tests.Units;

/// <summary>The query of <c>GET /projections/{id}/{plane}.png</c>: only catalogue images are named, the rest refused with the allowed values.</summary>
public sealed class ProjectionQueryTests
{
    private const double SlabMm = 10;

    [Theory]
    [InlineData("coronal", "brain", "mip", "10", "coronal-mip-10mm-brain")]
    [InlineData("Sagittal", "BONE", "minip", null, "sagittal-minip-10mm-bone")]
    [InlineData("axial", null, null, null, "axial-brain")]
    [InlineData("axial", "stroke", "plane", "3", "axial-stroke")]
    public void GivenCatalogueValues_WhenParsed_ThenTheStoredKeyIsNamed(string plane, string? window, string? mode, string? slab, string key)
    {
        Assert.True(ProjectionQuery.TryParse(plane, window, mode, slab, SlabMm, out var request, out var error), error);
        Assert.Equal(key, request!.Key);
    }

    [Theory]
    [InlineData("oblique", "brain", "mip", "10", "axial, coronal, sagittal")]
    [InlineData("axial", "lung", "mip", "10", "brain, subdural, stroke, bone")]
    [InlineData("axial", "brain", "volume", "10", "plane, mip, minip, mean")]
    [InlineData("axial", "brain", "mip", "5", "allowed: 10")]
    [InlineData("1", "brain", "mip", "10", "axial, coronal, sagittal")]
    public void GivenValueOutsideTheCatalogue_WhenParsed_ThenTheErrorListsTheAllowedValues(
        string plane, string? window, string? mode, string? slab, string allowed)
    {
        Assert.False(ProjectionQuery.TryParse(plane, window, mode, slab, SlabMm, out var request, out var error));
        Assert.Null(request);
        Assert.Contains(allowed, error);
    }
}
