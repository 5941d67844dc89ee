using System.Security.Cryptography;
using HeadCt.Dicom.Codecs;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>The JPEG-LS files of the shared corpus, their manifest oracle, and their raw codestreams.</summary>
internal static class JpegLsCorpus
{
    private static readonly Lazy<string> Root = new(FindRoot);
    private static readonly Lazy<IReadOnlyList<Dictionary<string, string>>> Rows = new(LoadManifest);

    public static string PathOf(string relativePath) => Path.Combine(Root.Value, relativePath);

    /// <summary>Manifest rows of JPEG-LS files (PS3.5 §A.4.3, …4.80 and …4.81) that carry a pixel oracle.</summary>
    public static IEnumerable<Dictionary<string, string>> FilesWithOracle() =>
        Rows.Value.Where(row =>
            (row["transfer_syntax_uid"] == TransferSyntax.JpegLsLossless.Uid || row["transfer_syntax_uid"] == TransferSyntax.JpegLsNearLossless.Uid)
            && row["expected_pixel_sha256"].Length == 64);

    public static Dictionary<string, string> Row(string relativePath) => Rows.Value.Single(row => row["path"] == relativePath);

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The codestream of one single-frame file and the image description the codec needs.</summary>
    public static (byte[] Codestream, FrameInfo Info) SingleFrame(string relativePath)
    {
        var file = DicomReader.ReadFile(PathOf(relativePath));
        return (Codestream(file), FrameInfoOf(file));
    }

    /// <summary>All fragments of a single-frame file's encapsulated pixel data, concatenated.</summary>
    public static byte[] Codestream(DicomFile file)
    {
        var fragments = file.Dataset.Find(DicomTags.PixelData)?.Fragments
            ?? throw new InvalidOperationException("the file has no encapsulated pixel data");
        return fragments.Fragments.SelectMany(fragment => fragment.ToArray()).ToArray();
    }

    public static FrameInfo FrameInfoOf(DicomFile file)
    {
        var header = DicomImageHeader.From(file);
        return new FrameInfo(header.Rows, header.Columns, header.SamplesPerPixel, header.BitsAllocated, header.BitsStored,
            header.IsSigned, header.PlanarConfiguration, header.PhotometricInterpretation ?? "MONOCHROME2");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Aspire.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "dicom-corpus"));
        throw new DirectoryNotFoundException("No Aspire.sln above the test binaries, so the corpus cannot be located");
    }

    private static IReadOnlyList<Dictionary<string, string>> LoadManifest()
    {
        var lines = File.ReadAllLines(PathOf("MANIFEST.tsv"));
        var names = lines[0].Split('\t');
        return lines.Skip(1).Where(line => line.Length > 0).Select(line =>
        {
            var cells = line.Split('\t');
            return names.Select((name, i) => (name, value: i < cells.Length ? cells[i] : ""))
                .ToDictionary(pair => pair.name, pair => pair.value, StringComparer.Ordinal);
        }).ToList();
    }
}
