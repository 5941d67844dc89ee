namespace HeadCt.Dicom.Fuzz;

/// <summary>Triage for AFL++ findings: reruns saved inputs and groups the crashes by signature.</summary>
internal static class ReplayCommand
{
    public static int Run(string[] paths)
    {
        var signatures = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var inputs = 0;
        foreach (var path in Expand(paths))
        {
            inputs++;
            try
            {
                var input = File.ReadAllBytes(path);
                if (Environment.GetEnvironmentVariable("HEADCT_FUZZ_TARGET") == "dimse")
                    DimseFuzzTarget.Run(input);
                else
                    FuzzTarget.Run(input);
            }
            catch (Exception exception)
            {
                var signature = CrashSignature.Of(exception);
                if (!signatures.TryGetValue(signature, out var files))
                {
                    signatures[signature] = files = [];
                    Console.WriteLine($"--- {signature}\n{path}\n{exception}\n");
                }
                files.Add(path);
            }
        }
        Console.WriteLine($"{inputs} inputs replayed, {signatures.Count} distinct crash signatures");
        foreach (var (signature, files) in signatures)
            Console.WriteLine($"  {files.Count,5} × {signature}   e.g. {files[0]}");
        return signatures.Count == 0 ? 0 : 1;
    }

    private static IEnumerable<string> Expand(string[] paths)
    {
        foreach (var path in paths)
        {
            if (!Directory.Exists(path))
            {
                yield return path;
                continue;
            }
            var files = Directory.GetFiles(path);
            Array.Sort(files, StringComparer.Ordinal);
            foreach (var file in files)
                if (!Path.GetFileName(file).StartsWith("README", StringComparison.Ordinal))
                    yield return file;
        }
    }
}
