using HeadCt.Dicom;
using HeadCt.Dicom.Codecs;
using HeadCt.Dicom.Bench;
using HeadCt.Dicom.Pixels;

namespace HeadCt.PerfGuard;

/// <summary>Files of the shared corpus (found by bench/Dicom.Bench's <c>CorpusLocator</c>) and the encoded frames in them.</summary>
internal static class CorpusFrames
{
    public static string Root => CorpusLocator.Root;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string[] FilesIn(string relativeFolder) => CorpusLocator.FilesIn(relativeFolder);

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
}
