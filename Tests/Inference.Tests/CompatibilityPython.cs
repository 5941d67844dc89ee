using System.Diagnostics;

namespace HeadCt.Inference.Tests;

/// <summary>
/// Debian's Python with PyTorch and torchvision (CI installs them; a pyenv shim may hide them, hence the full path), and
/// the repository's training scripts run with it.
/// </summary>
internal static class CompatibilityPython
{
    public const string Interpreter = "/usr/bin/python3";

    public static string RepositoryRoot { get; } = Path.GetDirectoryName(RepositoryModels.Folder)!;

    /// <summary>Why torch tests cannot run here, or null when they can.</summary>
    public static string? MissingReason { get; } = FindMissingReason();

    /// <summary>Runs a script (path relative to the repository root) and returns its standard output; a failure throws with its standard error.</summary>
    public static string Run(string script, params string[] arguments) => RunProcess([Path.Combine(RepositoryRoot, script), .. arguments]);

    /// <summary>Runs inline Python code with the given arguments (sys.argv[1:]).</summary>
    public static string RunCode(string code, params string[] arguments) => RunProcess(["-c", code, .. arguments]);

    private static string RunProcess(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Interpreter} {string.Join(' ', start.ArgumentList)} did not finish in 3 minutes.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Interpreter} exited with {process.ExitCode}:\n{stderr.Result}");
        return stdout.Result;
    }

    private static string? FindMissingReason()
    {
        if (!File.Exists(Interpreter))
            return $"{Interpreter} is not installed (CI installs python3-torch, python3-torchvision, python3-numpy, python3-pydicom).";
        try
        {
            RunCode("import torch, torchvision, numpy, pydicom");
            return null;
        }
        catch (InvalidOperationException e)
        {
            return $"{Interpreter} lacks torch/torchvision/numpy/pydicom (CI installs the Debian packages): {e.Message.Trim()}";
        }
    }
}
