using System.Buffers;
using HeadCt.Imaging.Selection;

namespace HeadCt.Imaging.Volume;

/// <summary>A built volume and what the builder found on the way.</summary>
public sealed record VolumeBuildResult(CtVolume Volume, VolumeReport Report);

/// <summary>
/// Builds a HU volume from the instances of one series. A regular, untilted stack is decoded straight into the
/// volume; otherwise the slices are decoded into a pooled buffer and resampled onto the orthogonal grid (see
/// <see cref="TiltPolicy"/>), after which the buffer goes back to the pool.
/// </summary>
public static class VolumeBuilder
{
    public static VolumeBuildResult Build(IReadOnlyList<InstanceFile> instances, VolumeOptions? options = null)
    {
        options ??= VolumeOptions.Default;
        var plan = StackPlanner.Plan(instances, options);
        var geometry = plan.Geometry;
        var voxels = GC.AllocateUninitializedArray<float>(checked((int)geometry.VoxelCount));
        var volume = new CtVolume(voxels, geometry);
        if (!plan.Resample)
        {
            SliceDecoder.Decode(plan.Slices, voxels, volume.SliceLength, options);
            return new VolumeBuildResult(volume, plan.Report);
        }
        var inputLength = checked(plan.Slices.Count * volume.SliceLength);
        var input = ArrayPool<float>.Shared.Rent(inputLength);
        try
        {
            SliceDecoder.Decode(plan.Slices, input, volume.SliceLength, options);
            StackResampler.Resample(plan.Slices, input, volume, options);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
        return new VolumeBuildResult(volume, plan.Report);
    }
}
