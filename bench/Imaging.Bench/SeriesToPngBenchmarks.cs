using BenchmarkDotNet.Attributes;
using HeadCt.Imaging.Phantoms;
using HeadCt.Imaging.Projections;
using HeadCt.Imaging.Rendering;
using HeadCt.Imaging.Selection;
using HeadCt.Imaging.Volume;

namespace HeadCt.Imaging.Bench;

/// <summary>
/// A 300-slice 512² series on local disk → headers → HU volume → axial, coronal and sagittal PNGs (issue "Imaging" §6).
/// The series is a phantom written once per run into a temp folder (uncompressed, 0.5 mm pixels, 0.6 mm slices).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class SeriesToPngBenchmarks
{
    private string _folder = "";
    private string[] _paths = [];

    [GlobalSetup]
    public void WriteSeries()
    {
        _folder = Directory.CreateTempSubdirectory("headct-imaging-bench-").FullName;
        var spec = new PhantomSpec
        {
            Columns = 512, Rows = 512, ColumnSpacingMm = 0.5, RowSpacingMm = 0.5,
            SliceCount = 300, SliceSpacingMm = 0.6, FirstTablePositionMm = -90,
            HeadSemiAxesMm = new(72, 95, 88),
            Markers = [new PhantomMarker(new(20, -30, 10), 4)],
        };
        _paths = [.. PhantomSeriesWriter.Write(spec, _folder)];
    }

    [GlobalCleanup]
    public void DeleteSeries() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Description = "300×512² files → volume + 3 PNGs")]
    public int FilesToPngs()
    {
        var instances = new List<InstanceFile>(_paths.Length);
        foreach (var path in _paths)
            instances.Add(InstanceFile.Read(path));
        var volume = VolumeBuilder.Build(instances).Volume;
        var bytes = 0;
        foreach (var plane in (ReadOnlySpan<AnatomicalPlane>)[AnatomicalPlane.Axial, AnatomicalPlane.Coronal, AnatomicalPlane.Sagittal])
            bytes += ProjectionRenderer.Render(volume, ProjectionRequest.CentrePlane(plane)).Png.Length;
        return bytes;
    }
}
