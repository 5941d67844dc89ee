namespace HeadCt.Imaging.Volume;

/// <summary>A duplicate slice position: which frame was kept and which was dropped.</summary>
public sealed record DuplicateSlice(double PositionMm, string KeptFrame, string DroppedFrame);

/// <summary>A gap along the normal larger than the typical spacing: slices appear to be missing there.</summary>
public sealed record SliceGap(double FromMm, double ToMm, int MissingSliceEstimate);

/// <summary>What the builder found in the stack and what it did about it; goes into the result document.</summary>
public sealed record VolumeReport
{
    public int InputFrames { get; init; }
    public int DistinctSlices { get; init; }
    public IReadOnlyList<DuplicateSlice> Duplicates { get; init; } = [];
    public IReadOnlyList<SliceGap> Gaps { get; init; } = [];
    public double MinimumGapMm { get; init; }
    public double MaximumGapMm { get; init; }
    public double TypicalGapMm { get; init; }
    public bool IrregularSpacing { get; init; }
    public double TiltDegrees { get; init; }
    public bool TiltCorrected { get; init; }

    /// <summary>Instances whose pixel data could not be decoded, left out (the rest of the series made the volume).</summary>
    public IReadOnlyList<SkippedInstance> SkippedInstances { get; init; } = [];

    /// <summary>True when the output grid was interpolated (irregular spacing or tilt), false when the slices were used as they are.</summary>
    public bool Resampled { get; init; }
}
