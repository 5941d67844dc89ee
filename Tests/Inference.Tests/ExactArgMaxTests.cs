using HeadCt.Imaging.Volume;
using HeadCt.Inference.Attention;

namespace HeadCt.Inference.Tests;

/// <summary>
/// Issue 15 §1: <c>TensorPrimitives.IndexOfMax</c> (System.Numerics.Tensors 10.0.0) tracks the index as a float and
/// loses it past 2^24 elements; a 512×512 study of more than 64 slices has more voxels than that.
/// </summary>
public sealed class ExactArgMaxTests
{
    private const int TwoTo24 = 1 << 24;

    [Fact]
    public void GivenMoreThan2To24Values_WhenTheMaximumLiesPast2To24AtAnIndexNoFloatHolds_ThenItsExactIndexIsFound()
    {
        var values = new float[TwoTo24 + 9];
        values[17] = 0.5f;
        values[TwoTo24 + 3] = 2f;   // 16 777 219 is not a float: it rounds to 16 777 220
        values[TwoTo24 + 7] = 2f;   // a later equal maximum: the first one counts

        Assert.Equal(TwoTo24 + 3, ExactArgMax.Of(values));
    }

    [Fact]
    public void GivenEmptyOrNaN_WhenSearched_ThenThereIsNoIndex()
    {
        Assert.Equal(-1, ExactArgMax.Of([]));
        Assert.Equal(-1, ExactArgMax.Of([1f, float.NaN, 3f]));
        Assert.Equal(0, ExactArgMax.Of([0f, 0f]));
    }

    [Fact]
    public void GivenAVolumeOfMoreThan2To24Voxels_WhenAttentionIsMappedWithItsMaximumPast2To24_ThenThePeakIsThatVoxel()
    {
        // 512 × 512 × 72 = 18 874 368 voxels; the attention grid's only hot cell is its last slab's, centred on slice 67
        // (2^24 voxels end within slice 64).
        var g = new VolumeGeometry(512, 512, 72, 0.45, 0.45, 1, default, new Vector3d(1, 0, 0), new Vector3d(0, 1, 0), new Vector3d(0, 0, 1));
        var grid = new float[8 * 4 * 4];
        grid[(7 * 4 + 2) * 4 + 1] = 1f;

        var map = ClassActivationMap.ToVolume(new AttentionGrid(grid, 4, 4, 8), g);

        var (expected, max) = (-1L, float.NegativeInfinity);
        for (var i = 0L; i < map.Values.LongLength; i++)
        {
            if (map.Values[i] > max)
                (expected, max) = (i, map.Values[i]);
        }
        Assert.True(expected > TwoTo24, $"the test's maximum is at {expected}, not past 2^24");
        var peak = Assert.IsType<AttentionPeak>(map.Peak);
        Assert.Equal(expected, ((long)peak.Z * g.SizeY + peak.Y) * g.SizeX + peak.X);
        Assert.Equal(max, peak.Value);
        Assert.Equal(peak.Z, map.KeySlices[0]);
    }
}
