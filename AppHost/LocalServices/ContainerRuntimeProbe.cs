using System.ComponentModel;
using System.Diagnostics;

namespace HeadCt.AppHost.LocalServices;

/// <summary>Asks the docker or podman CLI whether its engine answers, so that a CLI without an engine does not count.</summary>
internal static class ContainerRuntimeProbe
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Returns the first runtime whose engine answers, or null.</summary>
    public static string? FindHealthyRuntime(string? preferredRuntime)
    {
        string[] candidates = string.IsNullOrWhiteSpace(preferredRuntime)
            ? ["docker", "podman"]
            : [preferredRuntime];

        foreach (var runtime in candidates)
        {
            if (Answers(runtime))
            {
                return runtime;
            }
        }

        return null;
    }

    private static bool Answers(string runtime)
    {
        var startInfo = new ProcessStartInfo(runtime, ["info"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        try
        {
            using var process = Process.Start(startInfo);
            if (process is null)
            {
                return false;
            }

            // Drain both pipes so a verbose `info` cannot block on a full buffer.
            process.OutputDataReceived += static (_, _) => { };
            process.ErrorDataReceived += static (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            if (!process.WaitForExit(ProbeTimeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            // The CLI is not installed.
            return false;
        }
    }
}
