using HeadCt.Imaging.Volume;
using HeadCt.Inference.Models;
using HeadCt.Inference.Preprocessing;

namespace HeadCt.Inference.Tests;

/// <summary>The level occlusion fills with is the value a voxel outside the channel's window really takes in the tensor.</summary>
public sealed class OcclusionFillLevelTests
{
    /// <summary>A 2×1×1 volume of −40 and 100 HU; on a 4×1×1 grid it resamples to −40, −5, 65, 100.</summary>
    private static readonly CtVolume TwoVoxels = new([-40f, 100f],
        new VolumeGeometry(2, 1, 1, 1, 1, 1, default, new Vector3d(1, 0, 0), new Vector3d(0, 1, 0), new Vector3d(0, 0, 1)));

    private static ModelTensor Run(Normalisation normalisation, params ChannelWindow[] channels) => VolumePreprocessor.Run(TwoVoxels, new ModelInput
    {
        Name = "volume", Height = 1, Width = 4, DepthPolicy = DepthPolicy.FixedCount, Depth = 1, Channels = channels, Normalisation = normalisation,
    });

    [Fact]
    public void GivenTensorMinMaxWithANegativeWindow_WhenPreprocessed_ThenTheOutsideLevelIsWhereMaskedZeroLands()
    {
        // Windowed: low −50..−10 → −40, 0, 0, 0; brain 0..100 → 0, 0, 65, 100. Min −40, max 100: masked 0 → 40/140.
        var tensor = Run(Normalisation.TensorMinMax, new ChannelWindow("low", -50, -10), new ChannelWindow("brain", 0, 100));
        Assert.Equal(40 / 140f, tensor.OutsideWindowLevels[0], 6);
        Assert.Equal(40 / 140f, tensor.OutsideWindowLevels[1], 6);
        Assert.Equal(tensor.Data[1], tensor.OutsideWindowLevels[0], 6);     // −5 HU lies outside "low"
        Assert.Equal(tensor.Data[4 + 0], tensor.OutsideWindowLevels[1], 6); // −40 HU lies outside "brain"
    }

    [Fact]
    public void GivenAClampedChannelUnderTensorMinMax_WhenPreprocessed_ThenItsOutsideLevelIsItsLowerEdge()
    {
        // Clamped 0..80 → 0, 0, 65, 80; masked 70..100 → 0, 0, 0, 100. Min 0, max 100.
        var tensor = Run(Normalisation.TensorMinMax, new ChannelWindow("clamped", 0, 80, MaskOutside: false), new ChannelWindow("masked", 70, 100));
        Assert.Equal(tensor.Data[0], tensor.OutsideWindowLevels[0], 6);
        Assert.Equal(0f, tensor.OutsideWindowLevels[1]);
    }

    [Fact]
    public void GivenWindowToUnit_WhenPreprocessed_ThenEveryOutsideLevelIsZero()
    {
        var tensor = Run(Normalisation.WindowToUnit, new ChannelWindow("brain", 0, 80), new ChannelWindow("clamped", 20, 60, MaskOutside: false));
        Assert.Equal([0f, 0f], tensor.OutsideWindowLevels);
    }
}
