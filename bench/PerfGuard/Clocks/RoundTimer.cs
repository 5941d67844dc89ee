using System.Diagnostics;

namespace HeadCt.PerfGuard.Clocks;

/// <summary>What times an operation; all read milliseconds.</summary>
internal enum Clock
{
    /// <summary>CPU time of the calling thread: single-threaded work in this process.</summary>
    Thread,

    /// <summary>CPU time of this whole process: work that fans out to other threads.</summary>
    Process,

    /// <summary>CPU time of the child processes waited for: a reference tool started as a process.</summary>
    Children,

    /// <summary>Elapsed time: only where the point is using several cores at once (multi-threaded decoding).</summary>
    Wall,
}

/// <summary>
/// Runs several operations on the same input in rounds, rotating their order each round so that a burst of load or a
/// cache disturbance falls on each in turn, and keeps every operation's time per round.
/// </summary>
internal static class RoundTimer
{
    public static double Read(Clock clock) => clock switch
    {
        Clock.Thread => ThreadCpuClock.NowMilliseconds(),
        Clock.Process => ProcessCpuClock.SelfMilliseconds(),
        Clock.Children => ProcessCpuClock.ChildrenMilliseconds(),
        _ => Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency,
    };

    public static double Time(Clock clock, Action operation)
    {
        var start = Read(clock);
        operation();
        return Read(clock) - start;
    }

    /// <summary>Samples[operation][round] in milliseconds, after <paramref name="warmUp"/> untimed rounds.</summary>
    public static double[][] Rounds(int rounds, int warmUp, params (Clock Clock, Action Run)[] operations)
    {
        for (var w = 0; w < warmUp; w++)
        {
            foreach (var (_, run) in operations)
                run();
        }
        var samples = operations.Select(_ => new double[rounds]).ToArray();
        for (var r = 0; r < rounds; r++)
        {
            for (var i = 0; i < operations.Length; i++)
            {
                var o = (i + r) % operations.Length;
                samples[o][r] = Time(operations[o].Clock, operations[o].Run);
            }
        }
        return samples;
    }

    /// <summary>
    /// The fastest round: on a shared machine other processes only ever add time (cache and memory-bandwidth contention,
    /// a core taken away), so the minimum is the steadiest estimate of what the operation itself costs; the milliseconds
    /// the CI step prints (its ratios are paired per round: <see cref="Checks.Ratio.Paired"/>).
    /// </summary>
    public static double Fastest(IReadOnlyList<double> values) => values.Min();

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
