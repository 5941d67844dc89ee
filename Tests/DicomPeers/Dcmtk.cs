using System.Diagnostics;

namespace HeadCt.DicomPeers;

/// <summary>Runs DCMTK command-line tools (Debian package dcmtk) and captures what they print.</summary>
public static class Dcmtk
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(string tool, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish within {timeout}: {await output}{await errors}");
        }

        return new Result(process.ExitCode, await output + await errors);
    }
}
