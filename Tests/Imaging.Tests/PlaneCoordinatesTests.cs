using HeadCt.Imaging.Projections;
using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging.Tests;

public sealed class PlaneCoordinatesTests
{
    public static TheoryData<string> Orientations => ["axial feet-first", "axial head-first", "sagittal acquisition", "coronal acquisition"];

    [Theory]
    [MemberData(nameof(Orientations))]
    public void GivenAVoxel_WhenItsPlaneCoordinatesAreAsked_ThenTheProjectedPlaneShowsThatVoxelThere(string orientation)
    {
        var volume = NumberedVolume(orientation);
        var g = volume.Geometry;
        foreach (var plane in new[] { AnatomicalPlane.Axial, AnatomicalPlane.Coronal, AnatomicalPlane.Sagittal })
        {
            foreach (var (x, y, z) in new[] { (0, 0, 0), (g.SizeX - 1, 1, 2), (2, g.SizeY - 1, g.SizeZ - 1), (1, 2, 3) })
            {
                var (column, row, depth) = SlabProjector.PlaneCoordinatesOf(volume, plane, x, y, z);
                var image = SlabProjector.Project(volume, plane, ProjectionMode.Plane, 0, depth);
                Assert.Equal(volume[x, y, z], image.Pixels[row * image.Width + column]);
            }
        }
    }

    /// <summary>A 5×6×7 volume whose voxels hold their own array index, so every voxel is recognisable.</summary>
    private static CtVolume NumberedVolume(string orientation)
    {
        var (row, column, slice) = orientation switch
        {
            "axial feet-first" => (new Vector3d(-1, 0, 0), new Vector3d(0, 1, 0), new Vector3d(0, 0, -1)),
            "axial head-first" => (new Vector3d(1, 0, 0), new Vector3d(0, 1, 0), new Vector3d(0, 0, 1)),
            "sagittal acquisition" => (new Vector3d(0, 1, 0), new Vector3d(0, 0, -1), new Vector3d(-1, 0, 0)),
            _ => (new Vector3d(1, 0, 0), new Vector3d(0, 0, -1), new Vector3d(0, 1, 0)),
        };
        var geometry = new VolumeGeometry(5, 6, 7, 1, 1.5, 2, new Vector3d(0, 0, 0), row, column, slice);
        var voxels = new float[geometry.VoxelCount];
        for (var i = 0; i < voxels.Length; i++)
            voxels[i] = i;
        return new CtVolume(voxels, geometry);
    }
}
