namespace HeadCt.DicomWebBench;

/// <summary>Latencies of one kind of request: percentiles by nearest rank, in milliseconds.</summary>
public sealed class Latencies(string name)
{
    private readonly List<double> _milliseconds = [];

    public string Name { get; } = name;

    public int Count => _milliseconds.Count;

    public void Add(double milliseconds)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(milliseconds);
        }
    }

    public double Percentile(double p)
    {
        lock (_milliseconds)
        {
            var sorted = _milliseconds.Order().ToList();
            return sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }

    public string Row() => $"| {Name} | {Count} | {Percentile(50):F1} | {Percentile(99):F1} | {Percentile(100):F1} |";
}
