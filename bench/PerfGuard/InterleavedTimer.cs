namespace HeadCt.PerfGuard;

/// <summary>
/// Times two operations on the same input alternately (A B, B A, A B, …) so that a burst of load from other processes
/// falls on both, and reports each side's median and minimum of thread CPU time. The ratio of the two medians is what
/// we compare. Work that runs on other threads (a multi-threaded decode) needs wall time instead: <see cref="MeasureWall"/>.
/// </summary>
internal static class InterleavedTimer
{
    public static (Timing Ours, Timing Reference) Measure(Action ours, Action reference, int rounds, int warmUp) =>
        Measure(ours, reference, rounds, warmUp, Time);

    public static (Timing Ours, Timing Reference) MeasureWall(Action ours, Action reference, int rounds, int warmUp) =>
        Measure(ours, reference, rounds, warmUp, WallTime);

    public static double WallTime(Action action)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        action();
        return System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static (Timing Ours, Timing Reference) Measure(Action ours, Action reference, int rounds, int warmUp, Func<Action, double> time)
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
                a[i] = time(ours);
                b[i] = time(reference);
            }
            else
            {
                b[i] = time(reference);
                a[i] = time(ours);
            }
        }
        return (Timing.Of(a), Timing.Of(b));
    }

    /// <summary>Thread CPU time of one call (see <see cref="ThreadCpuClock"/>), in milliseconds.</summary>
    public static double Time(Action action)
    {
        var start = ThreadCpuClock.NowMilliseconds();
        action();
        return ThreadCpuClock.NowMilliseconds() - start;
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
