namespace HeadCt.Load;

/// <summary>
/// Command line: --gateway URL --key KEY --uploads N --readers M --slices S --timeout-minutes T (or HEADCT_API_KEY),
/// --matrix 512 for clinical slices (0.45 mm pixels; 4.8 mm slices up to 40, else 0.6 mm; default: the small phantom),
/// then --rate R --rate-seconds D for the constant-rate reads of one completed study (0: none).
/// </summary>
public sealed record LoadSettings(
    Uri Gateway, string ApiKey, int Uploads, int Readers, int SlicesPerStudy, TimeSpan CompletionTimeout, int ReadsPerSecond, TimeSpan RateDuration, int? Matrix)
{
    public static LoadSettings Parse(string[] args)
    {
        string? Value(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        var key = Value("--key") ?? Environment.GetEnvironmentVariable("HEADCT_API_KEY")
            ?? throw new ArgumentException("Pass the gateway's dev key with --key (dashboard: parameter gateway-dev-api-key) or HEADCT_API_KEY.");
        return new LoadSettings(
            new Uri(Value("--gateway") ?? "http://localhost:5180"),
            key,
            int.Parse(Value("--uploads") ?? "8"),
            int.Parse(Value("--readers") ?? "4"),
            int.Parse(Value("--slices") ?? "40"),
            TimeSpan.FromMinutes(double.Parse(Value("--timeout-minutes") ?? "10", System.Globalization.CultureInfo.InvariantCulture)),
            int.Parse(Value("--rate") ?? "0"),
            TimeSpan.FromSeconds(int.Parse(Value("--rate-seconds") ?? "30")),
            Value("--matrix") is { } matrix ? int.Parse(matrix) : null);
    }
}
