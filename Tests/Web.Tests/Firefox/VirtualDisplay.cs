using System.Diagnostics;
using System.Globalization;

namespace HeadCt.Web.Tests.Firefox;

/// <summary>
/// An X server in memory (Debian's Xvfb) on a display number it picks itself. Headless Firefox has no WebGL
/// (Mozilla bug 1375585); a normal Firefox window on this display gets WebGL2 from Mesa's llvmpipe.
/// </summary>
public sealed class VirtualDisplay : IAsyncDisposable
{
    public const string AptPackage = "xvfb";
    private const string Executable = "/usr/bin/Xvfb";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;

    private VirtualDisplay(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    /// <summary>The value for DISPLAY, e.g. <c>:99</c>.</summary>
    public string Name { get; }

    public static async Task<VirtualDisplay> StartAsync(int width, int height)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"No {Executable}: install Debian's {AptPackage} package (.ci/run does).");
        }

        // -displayfd 1: Xvfb takes the first free display number and writes it to standard output once it listens.
        var start = new ProcessStartInfo(Executable)
        {
            ArgumentList = { "-displayfd", "1", "-screen", "0", $"{width}x{height}x24", "-nolisten", "tcp" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Executable} did not start.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(StartupTimeout);
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                throw new InvalidOperationException($"Xvfb wrote no display number (exit code {(process.HasExited ? process.ExitCode : "none yet")}).");
            }

            return new VirtualDisplay(process, ":" + number.ToString(CultureInfo.InvariantCulture));
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (_process)
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            await _process.WaitForExitAsync();
        }
    }
}
