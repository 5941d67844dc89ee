namespace HeadCt.Hardening;

/// <summary>One measured scenario: what was sent, what came back, and each service's peak and resident memory after.</summary>
public sealed record Scenario(string Name, string Answer, double Seconds, double GatewayPeakMiB, double GatewayAfterMiB, double ProcessorPeakMiB, double ProcessorAfterMiB)
{
    public static string Table(IEnumerable<Scenario> scenarios) =>
        "| scenario | answer | s | gateway peak MiB | gateway after MiB | processor peak MiB | processor after MiB |\n" +
        "|---|---|---:|---:|---:|---:|---:|\n" +
        string.Join("\n", scenarios.Select(s =>
            $"| {s.Name} | {s.Answer} | {s.Seconds:F1} | {s.GatewayPeakMiB:F0} | {s.GatewayAfterMiB:F0} | {s.ProcessorPeakMiB:F0} | {s.ProcessorAfterMiB:F0} |"));
}
