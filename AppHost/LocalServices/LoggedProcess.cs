using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace HeadCt.AppHost.LocalServices;

/// <summary>A tool the AppHost runs to completion (npm, node): its output goes to the log line by line, and it is killed past its time limit.</summary>
internal static class LoggedProcess
{
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(
        string executable, IEnumerable<string> arguments, string workingDirectory, string logPrefix, TimeSpan timeLimit,
        ILogger logger, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(executable, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.OutputDataReceived += (_, line) => Log(logger, logPrefix, line.Data);
        process.ErrorDataReceived += (_, line) => Log(logger, logPrefix, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(timeLimit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return process.ExitCode;
    }

    private static void Log(ILogger logger, string prefix, string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            logger.LogInformation("{Tool}: {Line}", prefix, line);
        }
    }
}
