using System.Diagnostics;
using HeadCt.Dicom;
using HeadCt.Dicom.Bench;
using HeadCt.Dicom.Pixels;
using HeadCt.PerfGuard.Clocks;

namespace HeadCt.PerfGuard.Checks;

/// <summary>
/// Our JPEG lossless and JPEG-LS decoders against DCMTK's on the same frames. DCMTK ships its codecs as C++ libraries
/// behind a C++ API, so it runs as its own tool, and its decode time is isolated by difference: the GE head series
/// (28 slices) is written as one 28-frame file in the codec's syntax and as the same 28 frames uncompressed, and
/// <c>dcmdjpeg</c> (or <c>dcmdjpls</c>) is run on both (the same program, libraries, parse and 14.7 MB written; only
/// the decompression differs). DCMTK = CPU time of the compressed run minus that of the uncompressed run, paired per
/// round; ours = <see cref="PixelDataDecoder.DecodeFrame"/> of the 28 frames, thread CPU time.
/// </summary>
internal sealed class DcmtkDecodeCheck(string name, string tool, SeriesEncoding encoding) : IRatioCheck, IDisposable
{
    private const int Rounds = 7;
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("headct-perfguard-");

    public static DcmtkDecodeCheck JpegLossless() => new("jpeg-lossless/dcmtk", "dcmdjpeg", SeriesEncoding.JpegLossless);

    public static DcmtkDecodeCheck JpegLs() => new("jpeg-ls/dcmtk", "dcmdjpls", SeriesEncoding.JpegLs);

    public IReadOnlyDictionary<string, string> Describes => new Dictionary<string, string>
    {
        [name] = $"PixelDataDecoder.DecodeFrame of 28 frames (thread CPU) / {tool} on the 28-frame file minus {tool} on the same frames uncompressed (child CPU)",
    };

    public IReadOnlyList<Ratio> Measure()
    {
        var (compressed, native) = WriteMultiFrameFiles();
        var file = DicomReader.ReadFile(compressed);
        var frames = int.Parse(file.Dataset.GetString(DicomTags.NumberOfFrames)!, System.Globalization.CultureInfo.InvariantCulture);
        var target = new byte[512 * 512 * 2];
        var output = Path.Combine(folder.FullName, "out.dcm");
        var samples = RoundTimer.Rounds(Rounds, warmUp: 1,
            (Clock.Thread, () =>
            {
                for (var f = 0; f < frames; f++)
                    PixelDataDecoder.DecodeFrame(file, f, target);
            }),
            (Clock.Children, () => Run(tool, compressed, output)),
            (Clock.Children, () => Run(tool, native, output)));
        var dcmtk = samples[1].Zip(samples[2], (withCodec, without) => withCodec - without).ToArray();
        return [Ratio.Paired(name, samples[0], 1, dcmtk, 1)];
    }

    public void Dispose() => folder.Delete(recursive: true);

    /// <summary>The series as one multi-frame file in its own syntax (one fragment per frame) and the same frames native.</summary>
    private (string Compressed, string Native) WriteMultiFrameFiles()
    {
        var files = CorpusLocator.FilesIn(CorpusSeries.FolderOf(encoding)).Select(path => DicomReader.ReadFile(path)).ToArray();
        var first = files[0];
        var fragments = files.Select(f => f.Dataset.Find(DicomTags.PixelData)!.Fragments!.Fragments.Single()).ToArray();
        var dataset = first.Dataset;
        dataset.SetNumbers(DicomTags.NumberOfFrames, DicomVr.IS, files.Length);
        dataset.Set(DicomElement.Encapsulated(DicomTags.PixelData, new DicomFragments(ReadOnlyMemory<byte>.Empty, fragments)));
        var compressed = Path.Combine(folder.FullName, "compressed.dcm");
        File.WriteAllBytes(compressed, DicomWriter.ToBytes(first, first.TransferSyntax));

        var decoded = PixelDataDecoder.Decode(DicomReader.ReadFile(compressed));
        var nativeFile = DicomReader.ReadFile(compressed);
        nativeFile.Dataset.SetBytes(DicomTags.PixelData, DicomVr.OW, decoded.Bytes);
        var native = Path.Combine(folder.FullName, "native.dcm");
        File.WriteAllBytes(native, DicomWriter.ToBytes(nativeFile, TransferSyntax.ExplicitVrLittleEndian));
        return (compressed, native);
    }

    private static void Run(string tool, string input, string output)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, [input, output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"{tool} did not start");
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {input} exited with {process.ExitCode}: {error.Result}");
    }
}
