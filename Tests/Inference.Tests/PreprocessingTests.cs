using HeadCt.Imaging.Volume;
using HeadCt.Inference.Models;
using HeadCt.Inference.Preprocessing;

namespace HeadCt.Inference.Tests;

public sealed class PreprocessingTests
{
    /// <summary>A 2×1×1 volume holding 0 and 100 HU along x; the model grid is 4×1×1.</summary>
    private static CtVolume TwoVoxels() => new([0f, 100f],
        new VolumeGeometry(2, 1, 1, 1, 1, 1, default, new Vector3d(1, 0, 0), new Vector3d(0, 1, 0), new Vector3d(0, 0, 1)));

    private static ModelInput Input(Normalisation normalisation, params ChannelWindow[] channels) => new()
    {
        Name = "volume", Height = 1, Width = 4, DepthPolicy = DepthPolicy.FixedCount, Depth = 1,
        Channels = channels, Normalisation = normalisation,
    };

    [Fact]
    public void GivenTwoVoxels_WhenResampledToFour_ThenSampleCentresInterpolateWithEdgeClamp()
    {
        // Target centres at source x = −0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1).
        var tensor = VolumePreprocessor.Run(TwoVoxels(), Input(Normalisation.WindowToUnit, new ChannelWindow("raw", -1000, 1000, MaskOutside: false)));
        float[] expected = [1000 / 2000f, 1025 / 2000f, 1075 / 2000f, 1100 / 2000f];
        Assert.Equal(expected, tensor.Data, new ToleranceComparer(1e-6f));
    }

    [Fact]
    public void GivenWindows_WhenMasked_ThenOutsideIsZeroAndInsideScaledToUnit()
    {
        // Resampled HU 0, 25, 75, 100. Brain 0..80: 0, 25/80, 75/80, outside → 0. Blood 45..100: 0, 0, 30/55, 1.
        var tensor = VolumePreprocessor.Run(TwoVoxels(),
            Input(Normalisation.WindowToUnit, new ChannelWindow("brain", 0, 80), new ChannelWindow("blood", 45, 100)));
        float[] expected = [0, 25 / 80f, 75 / 80f, 0, 0, 0, 30 / 55f, 1];
        Assert.Equal(expected, tensor.Data, new ToleranceComparer(1e-6f));
    }

    [Fact]
    public void GivenTensorMinMax_WhenNormalised_ThenWindowedHuOfAllChannelsScaleTogether()
    {
        // Windowed HU: brain 0..50 → 0, 25, 0, 0; blood 40..100 → 0, 0, 75, 100. Min 0, max 100 over both.
        var tensor = VolumePreprocessor.Run(TwoVoxels(),
            Input(Normalisation.TensorMinMax, new ChannelWindow("brain", 0, 50), new ChannelWindow("blood", 40, 100)));
        float[] expected = [0, 0.25f, 0, 0, 0, 0, 0.75f, 1];
        Assert.Equal(expected, tensor.Data, new ToleranceComparer(1e-6f));
    }

    [Fact]
    public void GivenLongRuns_WhenWindowed_ThenVectorAndScalarPathsAgreeWithTheRule()
    {
        var hu = new float[1000];
        for (var i = 0; i < hu.Length; i++)
            hu[i] = i - 200;
        var channel = new float[hu.Length];
        ChannelWindowing.Apply(hu, channel, new ChannelWindow("blood", 45, 100), scaleToUnit: true);
        for (var i = 0; i < hu.Length; i++)
        {
            var expected = hu[i] is >= 45 and <= 100 ? (hu[i] - 45) / 55f : 0f;
            Assert.Equal(expected, channel[i], 5);
        }
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(float obj) => 0;
    }
}
