namespace HeadCt.Inference.Tests;

internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("inference-tests-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
