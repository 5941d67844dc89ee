using HeadCt.Inference.Phantoms;

internal sealed record CommandLine(string Command, string Out, int Count, int Seed, LesionKind? Lesion, string Model, IReadOnlyList<string> Series, SampleMix Mix)
{
    public static CommandLine Parse(string[] args)
    {
        var (output, count, seed, lesion, model) = ("phantom", 100, 1, (LesionKind?)null, "models/hemorrhage-phantom-cnn.manifest.json");
        var series = new List<string>();
        var mix = SampleMix.Mixed;
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--out": output = args[i + 1]; break;
                case "--count": count = int.Parse(args[i + 1]); break;
                case "--seed": seed = int.Parse(args[i + 1]); break;
                case "--lesion": lesion = Enum.Parse<LesionKind>(args[i + 1], ignoreCase: true); break;
                case "--model": model = args[i + 1]; break;
                case "--series": series.Add(args[i + 1]); break;
                case "--mix": mix = Enum.Parse<SampleMix>(args[i + 1], ignoreCase: true); break;
                default: throw new ArgumentException($"Unknown option {args[i]}");
            }
        }
        return new CommandLine(args.Length > 0 ? args[0] : "", output, count, seed, lesion, model, series, mix);
    }
}
