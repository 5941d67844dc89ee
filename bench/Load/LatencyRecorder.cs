using System.Collections.Concurrent;

namespace HeadCt.Load;

/// <summary>Latencies of one kind of request, and how many of them failed.</summary>
public sealed class LatencyRecorder(string name)
{
    private readonly ConcurrentBag<double> _milliseconds = [];
    private int _errors;

    public string Name => name;
    public int Count => _milliseconds.Count;
    public int Errors => _errors;

    public void Record(TimeSpan elapsed) => _milliseconds.Add(elapsed.TotalMilliseconds);

    public void Error() => Interlocked.Increment(ref _errors);

    public double Percentile(double p)
    {
        var sorted = _milliseconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        // Nearest-rank percentile.
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
