using HeadCt.Inference.Phantoms;

namespace HeadCt.Inference.Tests;

/// <summary>Seeds and mask look-ups shared by the tests of the committed demonstrator.</summary>
internal static class TestPhantoms
{
    /// <summary>Spreads small case numbers over the seed range (.NET's seeded Random is close to linear in small seeds).</summary>
    public static int Seed(int n) => (int)((uint)n * 2654435761u & int.MaxValue);

    /// <summary>Whether the voxel (column, row, slice) of the phantom's volume grid is lesion in its ground-truth mask.</summary>
    public static bool InsideLesion(HeadPhantom phantom, int x, int y, int z)
    {
        var g = phantom.Volume.Geometry;
        return phantom.LesionMask[(z * g.SizeY + y) * g.SizeX + x] == 1;
    }
}
