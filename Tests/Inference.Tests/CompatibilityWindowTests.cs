using HeadCt.Imaging.Volume;
using HeadCt.Inference.Preprocessing;

namespace HeadCt.Inference.Tests;

/// <summary>
/// The original's channels as the committed r3d_18 template states them: each window keeps the value of voxels inside
/// it (the stored value, as the template's <c>windowOn: stored</c> says; here the values are given directly), both edges
/// included, and sets every other voxel to 0; then the whole tensor is min–max scaled and rounded to float16.
/// </summary>
public sealed class CompatibilityWindowTests
{
    private static readonly float[] EdgeHu = [21.99f, 22f, 45f, 50f, 50.01f, 219.9f, 220f, 2000f, 2000.1f, 39.99f, 40f, 100f, 100.01f, -1000f, 3000f];

    [Fact]
    public void GivenHuAtAndJustBeyondEachWindowEdge_WhenPreprocessedAsTheOriginal_ThenEdgesAreKeptBeyondIsZeroAndTheTensorScalesByItsMax()
    {
        var input = CompatibilityTemplate.Read().Input;
        var voxels = new float[128 * 128];
        Array.Fill(voxels, -1000f);
        EdgeHu.CopyTo(voxels, 0);
        var volume = new CtVolume(voxels, new VolumeGeometry(128, 128, 1, 0.5, 0.5, 5, default, new Vector3d(1, 0, 0), new Vector3d(0, 1, 0), new Vector3d(0, 0, 1)));

        var tensor = VolumePreprocessor.Run(volume, input);

        Assert.Equal((3, 1, 128, 128), (tensor.Channels, tensor.Depth, tensor.Height, tensor.Width));
        Assert.Equal(["brain", "bone", "blood"], input.Channels.Select(c => c.Name));
        // The largest kept value is bone's upper edge, 2000 HU; masked voxels give the minimum, 0.
        const float max = 2000f;
        for (var c = 0; c < 3; c++)
        {
            var (lower, upper) = (input.Channels[c].LowerHu, input.Channels[c].UpperHu);
            for (var i = 0; i < EdgeHu.Length; i++)
            {
                var hu = EdgeHu[i];
                var expected = hu >= lower && hu <= upper ? (float)(Half)(hu / max) : 0f;
                Assert.Equal(expected, tensor.Data[c * tensor.ChannelLength + i], 6);
            }
        }
        Assert.Equal((float)(Half)(22f / max), tensor.Data[1]); // brain keeps 22
        Assert.Equal(0f, tensor.Data[4]);                     // brain drops 50.01 HU
        Assert.Equal(1f, tensor.Data[tensor.ChannelLength + 7]); // bone keeps 2000, the tensor maximum
        Assert.Equal((float)(Half)(45f / max), tensor.Data[2 * tensor.ChannelLength + 2]); // 45 lies in brain and blood
    }
}
