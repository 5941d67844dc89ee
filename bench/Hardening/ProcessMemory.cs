using System.Globalization;

namespace HeadCt.Hardening;

/// <summary>
/// Resident memory of one service process from /proc: the current RSS, and the peak since the last reset (VmHWM,
/// reset by writing 5 to clear_refs, Linux ≥ 4.0), so a scenario's peak is exact, not sampled. A project resource's
/// pid is that of `dotnet run`; the service is its child process.
/// </summary>
public sealed class ProcessMemory(string name, int pid)
{
    public string Name { get; } = name;

    public static ProcessMemory OfProject(string name, int runPid)
    {
        var children = File.ReadAllText($"/proc/{runPid}/task/{runPid}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new ProcessMemory(name, children.Length == 1 ? int.Parse(children[0], CultureInfo.InvariantCulture) : runPid);
    }

    public void ResetPeak() => File.WriteAllText($"/proc/{pid}/clear_refs", "5");

    public double PeakMiB => Field("VmHWM");

    public double CurrentMiB => Field("VmRSS");

    private double Field(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var kilobytes = long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kilobytes / 1024.0;
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no {field}.");
    }
}
