using System.ComponentModel.DataAnnotations;

namespace HeadCt.Imaging.Volume;

/// <summary>Tolerances and policies of the volume builder.</summary>
public sealed record VolumeOptions
{
    public static VolumeOptions Default { get; } = new();

    /// <summary>Fewer distinct slice positions than this fail with <see cref="ImagingErrorKind.TooFewSlices"/>.</summary>
    [Range(2, 100_000)]
    public int MinimumSlices { get; init; } = 3;

    public TiltPolicy TiltPolicy { get; init; } = TiltPolicy.Correct;

    /// <summary>An angle between the slice normal and the stacking direction above this is a gantry tilt.</summary>
    [Range(0.0, 45.0)]
    public double TiltToleranceDegrees { get; init; } = 0.5;

    /// <summary>Slices whose positions along the normal differ by less than this are duplicates.</summary>
    [Range(0.0, 10.0)]
    public double DuplicateToleranceMm { get; init; } = 0.01;

    /// <summary>A gap differing from the typical spacing by more than this fraction makes the spacing irregular.</summary>
    [Range(0.0, 1.0)]
    public double SpacingToleranceFraction { get; init; } = 0.05;

    /// <summary>Slice spacing of a resampled grid; null takes the median gap of the input.</summary>
    [Range(0.05, 50.0)]
    public double? OutputSliceSpacingMm { get; init; }

    /// <summary>Orientation cosines and pixel spacings closer than this are equal.</summary>
    public double GeometryTolerance { get; init; } = 1e-3;

    /// <summary>
    /// Largest output grid, checked from the plan before anything is allocated: slices far apart with a fine typical
    /// spacing would otherwise resample into a grid far larger than their pixels.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxVoxels { get; init; } = int.MaxValue;

    [Range(1, 1024)]
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;
}
