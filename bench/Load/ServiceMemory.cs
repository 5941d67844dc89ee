using System.Globalization;

namespace HeadCt.Load;

/// <summary>
/// Peak resident memory of the running gateway and processor processes on this machine (Linux /proc), sampled every
/// 100 ms while the load runs: found by their assembly name on the command line, each replica separately.
/// </summary>
public sealed class ServiceMemory : IAsyncDisposable
{
    private static readonly string[] Services = ["HeadCt.Gateway", "HeadCt.Processor"];
    private readonly Dictionary<int, (string Service, long PeakKiB)> _peaks = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public ServiceMemory() => _sampling = Task.Run(SampleAsync);

    /// <summary>Peak resident set (MiB) per service process, sampled, and the kernel's high-water mark (VmHWM) since it started.</summary>
    public IEnumerable<(string Service, int Pid, double PeakMiB, double HighWaterMiB)> Peaks()
    {
        lock (_peaks)
        {
            return _peaks.Select(p => (p.Value.Service, p.Key, p.Value.PeakKiB / 1024.0, (ReadKiB(p.Key, "VmHWM:") ?? 0) / 1024.0)).ToList();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            foreach (var (pid, service) in FindServices())
            {
                if (ReadKiB(pid, "VmRSS:") is { } rss)
                {
                    lock (_peaks)
                    {
                        _peaks[pid] = (service, Math.Max(rss, _peaks.TryGetValue(pid, out var seen) ? seen.PeakKiB : 0));
                    }
                }
            }

            try
            {
                await Task.Delay(100, _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static IEnumerable<(int Pid, string Service)> FindServices()
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ');
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // The service itself, not `dotnet run` or a build server that mentions its project.
            if (Services.FirstOrDefault(service => commandLine.Contains(service + ".dll", StringComparison.Ordinal) ||
                                                   commandLine.StartsWith(service, StringComparison.Ordinal) ||
                                                   commandLine.Contains("/" + service + " ", StringComparison.Ordinal)) is { } match)
            {
                yield return (pid, match);
            }
        }
    }

    private static long? ReadKiB(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? null : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
