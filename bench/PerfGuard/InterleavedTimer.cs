using System.Diagnostics;

namespace HeadCt.PerfGuard;

/// <summary>
/// Times two operations on the same input alternately (A B, B A, A B, …) so that a burst of load from other processes
/// falls on both, and reports each side's median and minimum. The ratio of the two medians is what we compare.
/// </summary>
internal static class InterleavedTimer
{
    public static (Timing Ours, Timing Reference) Measure(Action ours, Action reference, int rounds, int warmUp)
    {
        for (var i = 0; i < warmUp; i++)
        {
            ours();
            reference();
        }
        var a = new double[rounds];
        var b = new double[rounds];
        for (var i = 0; i < rounds; i++)
        {
            if ((i & 1) == 0)
            {
                a[i] = Time(ours);
                b[i] = Time(reference);
            }
            else
            {
                b[i] = Time(reference);
                a[i] = Time(ours);
            }
        }
        return (Timing.Of(a), Timing.Of(b));
    }

    public static double Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}

/// <summary>Median and minimum of repeated timings, in milliseconds.</summary>
internal readonly record struct Timing(double Median, double Min)
{
    public static Timing Of(double[] milliseconds)
    {
        var sorted = (double[])milliseconds.Clone();
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Timing(median, sorted[0]);
    }
}
