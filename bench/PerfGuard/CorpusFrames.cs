using HeadCt.Dicom;
using HeadCt.Dicom.Codecs;
using HeadCt.Dicom.Pixels;

namespace HeadCt.PerfGuard;

/// <summary>The shared corpus (<c>../shared/dicom-corpus</c> beside the repository, or <c>DICOM_CORPUS</c>) and the encoded frames of its files.</summary>
internal static class CorpusFrames
{
    public static string Root { get; } = Locate();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>The files of one corpus folder, sorted by name so every run measures the same order.</summary>
    public static string[] FilesIn(string relativeFolder)
    {
        var files = Directory.GetFiles(Path.Combine(Root, relativeFolder), "*.dcm");
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    /// <summary>The first frame's encoded bytes (its fragments joined) and the frame description.</summary>
    public static (byte[] Encoded, FrameInfo Info) FirstEncodedFrame(string path)
    {
        var file = DicomReader.ReadFile(path);
        var element = file.Dataset.Find(DicomTags.PixelData)!;
        var fragments = element.Fragments ?? throw new InvalidOperationException($"{path}: pixel data is not encapsulated");
        var info = PixelDataDecoder.Decode(file).Info;
        using var joined = new MemoryStream();
        // One frame per file in the files measured here; the empty first item is the Basic Offset Table.
        foreach (var fragment in fragments.Fragments)
            joined.Write(fragment.Span);
        return (joined.ToArray(), info);
    }

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("DICOM_CORPUS");
        if (!string.IsNullOrEmpty(fromEnvironment))
            return fromEnvironment;
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Aspire.sln")))
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "dicom-corpus"));
        }
        throw new DirectoryNotFoundException("no Aspire.sln above " + AppContext.BaseDirectory + "; set DICOM_CORPUS");
    }
}
