namespace HeadCt.PerfGuard.Checks;

/// <summary>One measured ratio: our time over the reference's, both medians of the same rounds, in milliseconds.</summary>
internal sealed record Ratio(string Name, double OursMs, double ReferenceMs)
{
    public double Value => OursMs / ReferenceMs;
}

/// <summary>A group of ratios measured together (they share input, warm-up and reference).</summary>
internal interface IRatioCheck
{
    /// <summary>Per ratio name: what the numerator and the denominator time, for the printed table and bench/README.</summary>
    IReadOnlyDictionary<string, string> Describes { get; }

    IReadOnlyList<Ratio> Measure();
}
