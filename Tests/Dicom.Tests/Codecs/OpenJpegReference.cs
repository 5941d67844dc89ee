using System.Diagnostics;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>
/// OpenJPEG's <c>opj_decompress</c> (Debian libopenjp2-tools, installed by .ci/run) as an independent reference decoder:
/// a codestream in, the samples out (raw little-endian planar output, read back interleaved).
/// </summary>
internal static class OpenJpegReference
{
    public const string Tool = "opj_decompress";

    public static bool IsInstalled { get; } = FindOnPath(Tool) is not null;

    public static string? FindOnPath(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(directory, name);
            if (directory.Length > 0 && File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    /// <summary>Decodes <paramref name="codestream"/> (raw J2K/J2C or JP2) into interleaved samples.</summary>
    public static int[] Decode(byte[] codestream, int components, int precision, bool signed)
    {
        var directory = Directory.CreateTempSubdirectory("headct-opj-");
        try
        {
            var isJp2 = codestream.Length > 8 && codestream[4] == 0x6A && codestream[5] == 0x50;
            var input = Path.Combine(directory.FullName, isJp2 ? "in.jp2" : "in.j2k");
            var output = Path.Combine(directory.FullName, "out.rawl");
            File.WriteAllBytes(input, codestream);
            Run(Tool, $"-i {input} -o {output} -quiet");
            var raw = File.ReadAllBytes(output);
            var bytes = precision > 8 ? 2 : 1;
            var perComponent = raw.Length / bytes / components;
            var samples = new int[perComponent * components];
            for (var c = 0; c < components; c++)
            {
                for (var i = 0; i < perComponent; i++)
                {
                    var at = (c * perComponent + i) * bytes;
                    samples[i * components + c] = bytes == 1
                        ? signed ? (sbyte)raw[at] : raw[at]
                        : signed ? BitConverter.ToInt16(raw, at) : BitConverter.ToUInt16(raw, at);
                }
            }
            return samples;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    public static void Run(string tool, string arguments)
    {
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {arguments} exited with {process.ExitCode}: {stderr} {stdout.Result}");
    }
}
