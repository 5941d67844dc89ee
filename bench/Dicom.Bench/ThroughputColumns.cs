using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace HeadCt.Dicom.Bench;

/// <summary>Slices per second: every benchmark operation here handles exactly one CT slice.</summary>
internal sealed class SlicesPerSecondColumn : IColumn
{
    public string Id => nameof(SlicesPerSecondColumn);
    public string ColumnName => "Slices/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "CT slices handled per second (1 s / Mean)";
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is > 0 ? (1e9 / mean.Value).ToString("N0") : "-";
    }
}

/// <summary>
/// Decoded megabytes (10^6 bytes of output pixels) per second, for the decode benchmarks: the size of one
/// decoded slice of the family divided by the mean time of one operation.
/// </summary>
internal sealed class DecodedMegabytesPerSecondColumn : IColumn
{
    private readonly Dictionary<string, long> bytesPerSliceByFamily = new(StringComparer.Ordinal);

    public string Id => nameof(DecodedMegabytesPerSecondColumn);
    public string ColumnName => "Decoded MB/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 1;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Decoded pixel bytes (10^6) per second: Rows × Columns × Samples × BytesPerSample / Mean";
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var family = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == nameof(DecodeBenchmarks.Family))?.Value;
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (family is not SeriesEncoding encoding || mean is not > 0)
            return "-";
        return (BytesPerSlice(encoding) / mean.Value * 1e9 / 1e6).ToString("N0");
    }

    private long BytesPerSlice(SeriesEncoding encoding)
    {
        var key = encoding.ToString();
        if (!bytesPerSliceByFamily.TryGetValue(key, out var bytes))
        {
            var first = CorpusLocator.FilesIn(CorpusSeries.FolderOf(encoding))[0];
            var header = DicomImageHeader.From(DicomReader.ReadFile(first, new DicomReadOptions { StopBeforePixelData = true }));
            var bytesPerSample = header.BitsAllocated <= 8 ? 1 : header.BitsAllocated <= 16 ? 2 : 4;
            bytes = (long)header.Rows * header.Columns * header.SamplesPerPixel * bytesPerSample;
            bytesPerSliceByFamily[key] = bytes;
        }
        return bytes;
    }
}
