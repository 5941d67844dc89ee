using BenchmarkDotNet.Attributes;

namespace HeadCt.Dicom.Bench;

/// <summary>
/// Parsing cost per CT slice from bytes already in memory (no I/O): the header only, as the series selector
/// does, and the whole file (pixel data located, not decoded). Each operation is one slice, cycling over the series.
/// </summary>
[MemoryDiagnoser]
public class HeaderParseBenchmarks
{
    private static readonly DicomReadOptions HeaderOnly = new() { StopBeforePixelData = true };
    private byte[][] slices = [];
    private int next;

    [Params(SeriesEncoding.ExplicitLittleEndian, SeriesEncoding.ImplicitLittleEndian, SeriesEncoding.ExplicitBigEndian, SeriesEncoding.ToshibaJpegLossless)]
    public SeriesEncoding Series { get; set; }

    [GlobalSetup]
    public void LoadSeries() => slices = CorpusSeries.LoadBytes(Series);

    [Benchmark(Baseline = true)]
    public DicomImageHeader ReadHeader() => DicomImageHeader.From(DicomReader.Read(NextSlice(), HeaderOnly));

    [Benchmark]
    public DicomImageHeader ReadWholeFile() => DicomImageHeader.From(DicomReader.Read(NextSlice()));

    private ReadOnlyMemory<byte> NextSlice()
    {
        var slice = slices[next];
        next = next + 1 == slices.Length ? 0 : next + 1;
        return slice;
    }
}
