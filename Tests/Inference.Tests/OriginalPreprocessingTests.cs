using HeadCt.Imaging.Selection;
using HeadCt.Imaging.Volume;
using HeadCt.Inference.Models;
using HeadCt.Inference.Phantoms;
using HeadCt.Inference.Preprocessing;

namespace HeadCt.Inference.Tests;

/// <summary>
/// The manifest switches that let a model state the original project's preprocessing (issue 15 §7): nearest-floor
/// resizing, float16 input, and the slices as acquired (stored values, ordered by z) instead of the Imaging volume.
/// The parity with PyTorch is in <see cref="CompatibilityR3d18Tests"/>.
/// </summary>
public sealed class OriginalPreprocessingTests
{
    [Theory]
    [InlineData(512, new[] { 0, 4, 8 })]
    [InlineData(200, new[] { 0, 1, 3, 4, 6 })]
    public void GivenASourceSize_WhenResizedNearestFloorTo128_ThenIndexIIsFloorOfITimesSourceOver128(int source, int[] firstIndices)
    {
        var indices = NearestResampler.Indices(source, 128);

        Assert.Equal(firstIndices, indices.Take(firstIndices.Length));
        Assert.Equal(Enumerable.Range(0, 128).Select(i => i * source / 128), indices);
    }

    [Fact]
    public void GivenFloat16Precision_WhenPreprocessed_ThenEveryValueIsAHalfAndTheRestIsUnchanged()
    {
        var voxels = new float[16 * 16];
        for (var i = 0; i < voxels.Length; i++)
            voxels[i] = i * 7.3f;
        var volume = new CtVolume(voxels, new VolumeGeometry(16, 16, 1, 1, 1, 1, default, new Vector3d(1, 0, 0), new Vector3d(0, 1, 0), new Vector3d(0, 0, 1)));
        var input = new ModelInput
        {
            Name = "volume", Height = 16, Width = 16, DepthPolicy = DepthPolicy.Native,
            Channels = [new ChannelWindow("all", 0, 2000)], Normalisation = Normalisation.TensorMinMax, Resize = ResizeMode.NearestFloor,
        };

        var full = VolumePreprocessor.Run(volume, input);
        var half = VolumePreprocessor.Run(volume, input with { InputPrecision = InputPrecision.Float16 });

        Assert.Equal(full.Data.Select(v => (float)(Half)v), half.Data);
        Assert.NotEqual(full.Data, half.Data);
    }

    [Fact]
    public void GivenASeriesWithInterceptMinus1024_WhenStackedAsAcquiredWithStoredValues_ThenValuesAreHuPlus1024InZOrder()
    {
        using var folder = new TempFolder();
        var phantom = HeadPhantomGenerator.Generate(HeadPhantomSpec.Random(TestPhantoms.Seed(610), null) with { SizeX = 32, SizeY = 32, SizeZ = 6 });
        var paths = PhantomDicomWriter.Write(phantom, folder.Path);
        var instances = paths.Reverse().Select(InstanceFile.Read).ToList();

        var stored = AcquiredStackBuilder.Build(instances, AcquiredOrder.PatientZ, storedValues: true);
        var hu = AcquiredStackBuilder.Build(instances, AcquiredOrder.PatientZ, storedValues: false);

        Assert.Equal((32, 32, 6), (stored.Width, stored.Height, stored.Depth));
        for (var i = 0; i < stored.Values.Length; i++)
        {
            Assert.Equal(hu.Values[i] + 1024, stored.Values[i]);
            Assert.Equal(MathF.Round(phantom.Volume.Voxels[i]), hu.Values[i]);
        }
    }
}
