namespace HeadCt.Imaging.Volume;

/// <summary>The gaps between consecutive distinct slices: typical (median), extremes, and where slices seem missing.</summary>
internal sealed record SpacingAnalysis(double Typical, double Minimum, double Maximum, bool Irregular, IReadOnlyList<SliceGap> Gaps)
{
    public static SpacingAnalysis Measure(List<StackedSlice> slices, VolumeOptions options)
    {
        var gaps = new double[slices.Count - 1];
        for (var i = 1; i < slices.Count; i++)
            gaps[i - 1] = slices[i].DistanceMm - slices[i - 1].DistanceMm;
        var sorted = (double[])gaps.Clone();
        Array.Sort(sorted);
        var typical = sorted[sorted.Length / 2];
        var tolerance = Math.Max(options.SpacingToleranceFraction * typical, options.DuplicateToleranceMm);
        var irregular = sorted[^1] - typical > tolerance || typical - sorted[0] > tolerance;
        var missing = new List<SliceGap>();
        for (var i = 0; i < gaps.Length; i++)
        {
            // A gap of 1.5 typical spacings or more has room for at least one slice that is not there.
            if (gaps[i] >= 1.5 * typical)
                missing.Add(new SliceGap(slices[i].DistanceMm, slices[i + 1].DistanceMm, (int)Math.Round(gaps[i] / typical) - 1));
        }
        return new SpacingAnalysis(typical, sorted[0], sorted[^1], irregular, missing);
    }
}
