namespace HeadCt.Imaging.Volume;

/// <summary>The sorted, de-duplicated slices, the output grid they go onto and whether that needs interpolation.</summary>
internal sealed record StackPlan(IReadOnlyList<StackedSlice> Slices, VolumeGeometry Geometry, VolumeReport Report)
{
    public bool Resample => Report.Resampled;
}
