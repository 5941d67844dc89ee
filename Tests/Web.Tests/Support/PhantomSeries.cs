using HeadCt.Inference.Phantoms;

namespace HeadCt.Web.Tests.Support;

/// <summary>A synthetic head CT series with a lesion, written as DICOM files into a temporary folder for one test.</summary>
public sealed class PhantomSeries : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "headct-web-phantom", Guid.NewGuid().ToString("N"));

    public PhantomSeries(int seed, LesionKind lesion)
        : this(HeadPhantomSpec.Random(seed, lesion))
    {
    }

    public PhantomSeries(HeadPhantomSpec spec)
    {
        var phantom = HeadPhantomGenerator.Generate(spec);
        Files = PhantomDicomWriter.Write(phantom, Path.Combine(_root, "series"));
        LesionVoxelCount = phantom.LesionVoxelCount;
    }

    public IReadOnlyList<string> Files { get; }

    public long LesionVoxelCount { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
