using BenchmarkDotNet.Attributes;
using HeadCt.Dicom.Pixels;

namespace HeadCt.Dicom.Bench;

/// <summary>
/// Pixel decode per slice for each transfer syntax family, against a plain copy of the same number of
/// bytes (the floor any decoder of a 512×512 slice is measured against). Files are parsed in setup:
/// only decoding is timed. Each operation is one slice, cycling over the 28 slices of the GE head series.
/// </summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private DicomFile[] files = [];
    private byte[][] decoded = [];
    private byte[] destination = [];
    private int next;

    [Params(SeriesEncoding.ExplicitLittleEndian, SeriesEncoding.ExplicitBigEndian, SeriesEncoding.Rle, SeriesEncoding.JpegLossless, SeriesEncoding.JpegLs, SeriesEncoding.JpegBaseline)]
    public SeriesEncoding Family { get; set; }

    [GlobalSetup]
    public void ParseSeries()
    {
        var slices = CorpusSeries.LoadBytes(Family);
        files = new DicomFile[slices.Length];
        decoded = new byte[slices.Length][];
        for (var i = 0; i < slices.Length; i++)
        {
            files[i] = DicomReader.Read(slices[i]);
            decoded[i] = PixelDataDecoder.Decode(files[i]).Bytes;
        }
        destination = new byte[decoded[0].Length];
    }

    /// <summary>memcpy of one decoded slice's worth of bytes into a reused buffer.</summary>
    [Benchmark(Baseline = true)]
    public void MemoryCopy()
    {
        decoded[Advance()].AsSpan().CopyTo(destination);
    }

    /// <summary>Decoding into a reused buffer: the codec and the bit-depth fix-up alone.</summary>
    [Benchmark]
    public void DecodeFrameIntoBuffer()
    {
        PixelDataDecoder.DecodeFrame(files[Advance()], 0, destination);
    }

    /// <summary>The public one-call API, which allocates the result array.</summary>
    [Benchmark]
    public DecodedPixelData Decode() => PixelDataDecoder.Decode(files[Advance()]);

    private int Advance()
    {
        var current = next;
        next = next + 1 == files.Length ? 0 : next + 1;
        return current;
    }
}
