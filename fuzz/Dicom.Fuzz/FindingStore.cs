namespace HeadCt.Dicom.Fuzz;

/// <summary>Keeps the first input of each distinct crash signature: <c>crash-&lt;id&gt;.bin</c> plus the exception text.</summary>
internal sealed class FindingStore
{
    private readonly string directory;
    private readonly Dictionary<string, int> hitsBySignature = new(StringComparer.Ordinal);

    public FindingStore(string directory)
    {
        this.directory = directory;
        Directory.CreateDirectory(directory);
    }

    public IReadOnlyDictionary<string, int> HitsBySignature => hitsBySignature;

    /// <summary>Records a crash; returns true when its signature is new.</summary>
    public bool Record(ReadOnlySpan<byte> input, Exception exception, string origin)
    {
        var signature = CrashSignature.Of(exception);
        if (hitsBySignature.TryGetValue(signature, out var hits))
        {
            hitsBySignature[signature] = hits + 1;
            return false;
        }
        hitsBySignature[signature] = 1;
        var path = Path.Combine(directory, "crash-" + CrashSignature.ShortId(signature));
        File.WriteAllBytes(path + ".bin", input.ToArray());
        File.WriteAllText(path + ".txt", $"{signature}\n{origin}\n\n{exception}\n");
        return true;
    }

    public string SaveHang(ReadOnlySpan<byte> input, string origin)
    {
        var path = Path.Combine(directory, "hang-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + ".bin");
        File.WriteAllBytes(path, input.ToArray());
        File.WriteAllText(Path.ChangeExtension(path, ".txt"), origin + "\n");
        return path;
    }
}
