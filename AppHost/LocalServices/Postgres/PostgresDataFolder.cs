using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace HeadCt.AppHost.LocalServices.Postgres;

/// <summary>
/// The server's data folder: created with initdb on first run. initdb and postgres refuse to run as root, so when the
/// AppHost is root the folder is given to the <c>postgres</c> system user (Debian's package creates it) and both
/// programs run as that user through <c>runuser</c>; otherwise they run as the AppHost's own user.
/// </summary>
internal sealed class PostgresDataFolder(string directory, string binDirectory)
{
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan InitTimeout = TimeSpan.FromMinutes(2);

    public string Directory { get; } = directory;

    public static bool RunsAsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    /// <summary>The program and leading arguments that run a server program as the right user.</summary>
    public (string Command, string[] Prefix) Runner(string program) => RunsAsRoot
        ? ("runuser", ["-u", ServiceUser, "--", Path.Combine(binDirectory, program)])
        : (Path.Combine(binDirectory, program), []);

    public async Task EnsureInitializedAsync(string password, ILogger logger, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("PostgreSQL as a local executable is set up for Linux and macOS; use LocalServices:Mode=containers.");
        }

        System.IO.Directory.CreateDirectory(Directory);
        if (RunsAsRoot)
        {
            CheckTraversable();
            await RunAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", Directory], logger, cancellationToken);
        }

        // initdb and postgres insist on 0700 for the data folder.
        File.SetUnixFileMode(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (File.Exists(Path.Combine(Directory, "PG_VERSION")))
        {
            return;
        }

        logger.LogInformation("Initialising a PostgreSQL cluster in {Directory}", Directory);
        var passwordFile = Path.Combine(Path.GetTempPath(), $"headct-pg-{Guid.NewGuid():N}.pw");
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            if (RunsAsRoot)
            {
                await RunAsync("chown", [ServiceUser, passwordFile], logger, cancellationToken);
            }

            var (command, prefix) = Runner("initdb");
            // Local (socket) connections are trusted: the socket lives in this 0700 folder. TCP needs the password.
            await RunAsync(command,
                [.. prefix, "-D", Directory, "-U", PostgresServerResource.UserName, "--auth-local=trust", "--auth-host=scram-sha-256",
                 $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"],
                logger, cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>The service user must be able to reach the folder through every parent.</summary>
    private void CheckTraversable()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        for (var parent = System.IO.Directory.GetParent(Directory); parent is not null; parent = parent.Parent)
        {
            if ((File.GetUnixFileMode(parent.FullName) & UnixFileMode.OtherExecute) == 0)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL runs as the '{ServiceUser}' user, which cannot enter {parent.FullName}; choose a LocalServices:DataDirectory it can reach.");
            }
        }
    }

    private static async Task RunAsync(string command, string[] arguments, ILogger logger, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(command, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {command}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InitTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(command)} {string.Join(' ', arguments.Where(a => !a.StartsWith("--pwfile", StringComparison.Ordinal)))} failed with exit code {process.ExitCode}: {await errors}{await output}");
        }

        logger.LogDebug("{Command} finished", Path.GetFileName(command));
    }
}
