using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace HeadCt.Web.Tests.Firefox;

/// <summary>
/// Debian's Firefox, headless or in a window on a <see cref="VirtualDisplay"/>, with Marionette listening on a port Firefox picks itself and a fresh profile in a temp
/// folder; both the process and the profile are gone after dispose.
/// </summary>
public sealed class FirefoxProcess : IAsyncDisposable
{
    public const string AptPackage = "firefox-esr";
    private static readonly string[] ExecutableCandidates = ["/usr/bin/firefox-esr", "/usr/bin/firefox"];
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(10);

    // Port 0: Marionette binds a free port and writes it to MarionetteActivePort in the profile. The proxy on the
    // closed port 9 makes every host but 127.0.0.1 unreachable (Firefox never proxies loopback): the page must work
    // with no CDN and no internet, and Firefox's own background requests fail at once.
    private static readonly string[] Preferences =
    [
        """user_pref("marionette.port", 0);""",
        """user_pref("network.proxy.type", 1);""",
        """user_pref("network.proxy.http", "127.0.0.1");""",
        """user_pref("network.proxy.http_port", 9);""",
        """user_pref("network.proxy.ssl", "127.0.0.1");""",
        """user_pref("network.proxy.ssl_port", 9);""",
    ];

    private readonly Process _process;
    private readonly string _profile;

    private FirefoxProcess(Process process, string profile, int marionettePort)
    {
        _process = process;
        _profile = profile;
        MarionettePort = marionettePort;
    }

    public int MarionettePort { get; }

    /// <param name="display">A display to open a window on (for WebGL); headless without one.</param>
    public static async Task<FirefoxProcess> StartAsync(VirtualDisplay? display = null)
    {
        var executable = ExecutableCandidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"No Firefox at {string.Join(" or ", ExecutableCandidates)}: install Debian's {AptPackage} package (.ci/run does).");
        var profile = Path.Combine(Path.GetTempPath(), "headct-firefox-profile", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        await File.WriteAllLinesAsync(Path.Combine(profile, "user.js"), Preferences);

        var start = new ProcessStartInfo(executable)
        {
            ArgumentList = { "--marionette", "--no-remote", "--profile", profile },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (display is null)
        {
            start.ArgumentList.Insert(0, "--headless");
        }
        else
        {
            start.Environment["DISPLAY"] = display.Name;
            start.Environment.Remove("WAYLAND_DISPLAY");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{executable} did not start.");
        // Both pipes drained so a chatty Firefox never blocks; the last lines kept to explain a failed start.
        var console = new ConcurrentQueue<string>();
        void Keep(object sender, DataReceivedEventArgs line)
        {
            console.Enqueue(line.Data ?? "");
            if (console.Count > 20)
            {
                console.TryDequeue(out string? _);
            }
        }

        process.OutputDataReceived += Keep;
        process.ErrorDataReceived += Keep;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var port = await WaitForMarionettePortAsync(process, Path.Combine(profile, "MarionetteActivePort"));
            return new FirefoxProcess(process, profile, port);
        }
        catch (Exception exception)
        {
            await StopAsync(process, profile, grace: TimeSpan.Zero);
            throw new InvalidOperationException(
                $"{exception.Message}{Environment.NewLine}{string.Join(Environment.NewLine, console)}", exception);
        }
    }

    private static async Task<int> WaitForMarionettePortAsync(Process process, string portFile)
    {
        using var timeout = new CancellationTokenSource(StartupTimeout);
        while (!timeout.IsCancellationRequested)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Firefox exited with code {process.ExitCode} before Marionette listened:");
            }

            // The file can be seen before its content is written; an unparsable read is simply retried.
            if (File.Exists(portFile)
                && int.TryParse(await File.ReadAllTextAsync(portFile), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                && port > 0)
            {
                return port;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Firefox did not write {portFile} within {StartupTimeout.TotalSeconds} s:");
    }

    /// <summary>Waits a moment for an exit asked for over Marionette, then kills what is left.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(_process, _profile, ShutdownGrace);

    private static async Task StopAsync(Process process, string profile, TimeSpan grace)
    {
        using (process)
        {
            using var waited = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(waited.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A content process still closing a file; the folder is under the temp directory anyway.
        }
    }
}
