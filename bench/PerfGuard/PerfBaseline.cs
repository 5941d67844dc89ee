using System.Text.Json;
using System.Text.Json.Serialization;

namespace HeadCt.PerfGuard;

/// <summary>
/// The committed ratios (<c>bench/perf-baseline.json</c>) a run is held to: a ratio more than <see cref="Tolerance"/>
/// above its baseline fails the run. Written by <c>--update-baseline</c>, with when and where it was measured.
/// </summary>
internal sealed record PerfBaseline(double Tolerance, string Measured, SortedDictionary<string, double> Ratios)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static PerfBaseline Load(string path) =>
        JsonSerializer.Deserialize<PerfBaseline>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path} holds no baseline");

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>The ratio above which a measurement counts as a regression, or null for a ratio without a baseline.</summary>
    public double? LimitOf(string name) => Ratios.TryGetValue(name, out var baseline) ? baseline * (1 + Tolerance) : null;
}
