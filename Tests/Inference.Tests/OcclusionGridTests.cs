using HeadCt.Inference.Attention;
using HeadCt.Inference.Models;

namespace HeadCt.Inference.Tests;

public sealed class OcclusionGridTests
{
    [Theory]
    [InlineData(32, 64, 64, 4, 16, 16, 128)]
    [InlineData(30, 128, 128, 4, 16, 16, 128)]
    [InlineData(7, 33, 50, 3, 8, 9, 40)]
    [InlineData(3, 5, 5, 8, 8, 8, 1)]
    public void GivenAGridAndABudget_WhenPatched_ThenPatchesTileEveryVoxelOnceWithinTheBudget(int depth, int height, int width, int pd, int ph, int pw, int max)
    {
        var grid = OcclusionGrid.For(depth, height, width, new OcclusionSettings { PatchDepth = pd, PatchHeight = ph, PatchWidth = pw, MaxPatches = max });
        Assert.InRange(grid.Count, 1, max);
        var covered = new int[depth * height * width];
        for (var p = 0; p < grid.Count; p++)
        {
            var (z0, z1, y0, y1, x0, x1) = grid.Bounds(p);
            Assert.True(z1 > z0 && y1 > y0 && x1 > x0, $"patch {p} is empty");
            for (var z = z0; z < z1; z++)
            for (var y = y0; y < y1; y++)
            for (var x = x0; x < x1; x++)
                covered[(z * height + y) * width + x]++;
        }
        Assert.All(covered, c => Assert.Equal(1, c));
    }

    [Fact]
    public void GivenABudgetLargeEnough_WhenPatched_ThenThePatchSizeIsKept()
    {
        var grid = OcclusionGrid.For(32, 64, 64, new OcclusionSettings { PatchDepth = 4, PatchHeight = 16, PatchWidth = 16, MaxPatches = 1000 });
        Assert.Equal((8, 4, 4), (grid.CountZ, grid.CountY, grid.CountX));
        Assert.Equal((4, 8, 32, 48, 48, 64), grid.Bounds((1 * 4 + 2) * 4 + 3)); // patch z 1, y 2, x 3
    }
}
