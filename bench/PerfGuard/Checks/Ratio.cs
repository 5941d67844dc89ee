using HeadCt.PerfGuard.Clocks;

namespace HeadCt.PerfGuard.Checks;

/// <summary>
/// One measured ratio: our time over the reference's. <see cref="Value"/> is the median over the rounds of each round's
/// own ratio (ours and the reference ran back to back in it, so a slow minute of the shared machine weighs on both);
/// the milliseconds shown are the fastest round of each side, per unit of work.
/// </summary>
internal sealed record Ratio(string Name, double OursMs, double ReferenceMs, double Value)
{
    /// <summary>From per-round samples: <paramref name="ours"/>[r] / <paramref name="oursUnits"/> against <paramref name="reference"/>[r] / <paramref name="referenceUnits"/>.</summary>
    public static Ratio Paired(string name, IReadOnlyList<double> ours, double oursUnits, IReadOnlyList<double> reference, double referenceUnits) =>
        new(name,
            RoundTimer.Fastest(ours) / oursUnits,
            RoundTimer.Fastest(reference) / referenceUnits,
            RoundTimer.Median([.. ours.Zip(reference, (o, r) => o / oursUnits / (r / referenceUnits))]));
}

/// <summary>A group of ratios measured together (they share input, warm-up and reference).</summary>
internal interface IRatioCheck
{
    /// <summary>Per ratio name: what the numerator and the denominator time, for the printed table and bench/README.</summary>
    IReadOnlyDictionary<string, string> Describes { get; }

    IReadOnlyList<Ratio> Measure();
}
