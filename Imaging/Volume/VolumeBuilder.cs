using System.Buffers;
using HeadCt.Imaging.Selection;

namespace HeadCt.Imaging.Volume;

/// <summary>A built volume and what the builder found on the way.</summary>
public sealed record VolumeBuildResult(CtVolume Volume, VolumeReport Report);

/// <summary>
/// Builds a HU volume from the instances of one series. A regular, untilted stack is decoded straight into the
/// volume; otherwise the slices are decoded into a pooled buffer and resampled onto the orthogonal grid (see
/// <see cref="TiltPolicy"/>), after which the buffer goes back to the pool. Instances whose pixel data cannot be
/// decoded are left out and the stack is planned again from the rest (its gaps reported as any gap is); the build
/// fails only when too few usable slices remain.
/// </summary>
public static class VolumeBuilder
{
    /// <summary>Plans after the first: every undecodable file is found in one pass, so a second pass normally succeeds.</summary>
    private const int MaxReplans = 2;

    public static VolumeBuildResult Build(IReadOnlyList<InstanceFile> instances, VolumeOptions? options = null)
    {
        options ??= VolumeOptions.Default;
        var skipped = new List<SkippedInstance>();
        var usable = instances;
        for (var pass = 0; ; pass++)
        {
            StackPlan plan;
            try
            {
                plan = StackPlanner.Plan(usable, options);
            }
            catch (ImagingException e) when (skipped.Count > 0)
            {
                throw new ImagingException(e.Kind, $"{e.Reason} after leaving out {skipped.Count} instance(s) whose pixel data could not be decoded " +
                    $"(first: {skipped[0].Reason})", e);
            }

            if (plan.Geometry.VoxelCount > options.MaxVoxels)
                throw new ImagingException(ImagingErrorKind.VolumeTooLarge,
                    $"The volume would have {plan.Geometry.SizeX}×{plan.Geometry.SizeY}×{plan.Geometry.SizeZ} voxels, more than the {options.MaxVoxels} allowed");
            var (volume, failures) = Decode(plan, options);
            if (failures.Count == 0)
                return new VolumeBuildResult(volume, plan.Report with { SkippedInstances = skipped });
            if (pass == MaxReplans)
                throw new ImagingException(ImagingErrorKind.UnsupportedPixels, $"Pixel data could not be decoded: {failures[0].Reason}");
            var failed = failures.Select(failure => failure.File).ToHashSet();
            skipped.AddRange(failures.Select(failure =>
                new SkippedInstance(Path.GetFileName(failure.File.Path), failure.File.Header.SopInstanceUid, failure.Reason)));
            usable = [.. usable.Where(instance => !failed.Contains(instance))];
            if (usable.Count == 0)
                throw new ImagingException(ImagingErrorKind.UnsupportedPixels,
                    $"None of the series' {instances.Count} instances could be decoded (first: {skipped[0].Reason})");
        }
    }

    private static (CtVolume Volume, IReadOnlyList<(InstanceFile File, string Reason)> Failures) Decode(StackPlan plan, VolumeOptions options)
    {
        var geometry = plan.Geometry;
        var voxels = GC.AllocateUninitializedArray<float>(checked((int)geometry.VoxelCount));
        var volume = new CtVolume(voxels, geometry);
        if (!plan.Resample)
            return (volume, SliceDecoder.Decode(plan.Slices, voxels, volume.SliceLength, options));
        var inputLength = checked(plan.Slices.Count * volume.SliceLength);
        var input = ArrayPool<float>.Shared.Rent(inputLength);
        try
        {
            var failures = SliceDecoder.Decode(plan.Slices, input, volume.SliceLength, options);
            if (failures.Count == 0)
                StackResampler.Resample(plan.Slices, input, volume, options);
            return (volume, failures);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }
}
