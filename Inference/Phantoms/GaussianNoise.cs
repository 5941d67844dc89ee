namespace HeadCt.Inference.Phantoms;

/// <summary>Standard normal samples (Box–Muller), seeded, one generator per slice so parallel rendering stays reproducible.</summary>
internal sealed class GaussianNoise(int seed)
{
    private readonly Random _random = new(seed);
    private double? _spare;

    public double Next()
    {
        if (_spare is { } spare)
        {
            _spare = null;
            return spare;
        }
        var u = 1 - _random.NextDouble();
        var v = _random.NextDouble();
        var radius = Math.Sqrt(-2 * Math.Log(u));
        _spare = radius * Math.Sin(2 * Math.PI * v);
        return radius * Math.Cos(2 * Math.PI * v);
    }
}
