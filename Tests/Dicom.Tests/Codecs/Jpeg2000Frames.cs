using HeadCt.Dicom.Codecs;
using HeadCt.Dicom.Pixels;
using HeadCt.Dicom.Tests.Support;

namespace HeadCt.Dicom.Tests.Codecs;

/// <summary>The encoded frames of a corpus file and our decode of them, before the shared masking step.</summary>
internal static class Jpeg2000Frames
{
    public static (byte[] Codestream, FrameInfo Info) FirstFrame(string path)
    {
        var file = CorpusFiles.Read(path);
        var element = file.Dataset.Find(DicomTags.PixelData)!;
        var fragments = element.Fragments!;
        var format = PixelFormat.From(file.Dataset, element, encapsulated: true);
        var (first, count) = EncapsulatedFrameLocator.Locate(fragments, format.NumberOfFrames, file.Dataset, element.Tag)[0];
        using var joined = new MemoryStream();
        for (var i = first; i < first + count; i++)
            joined.Write(fragments.Fragments[i].Span);
        return (joined.ToArray(), format.Info);
    }

    /// <summary>Samples of one decoded frame as integers, interleaved.</summary>
    public static int[] Samples(byte[] frame, FrameInfo info, bool signed)
    {
        var size = info.BytesPerSample;
        var samples = new int[frame.Length / size];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = size == 1
                ? signed ? (sbyte)frame[i] : frame[i]
                : signed ? BitConverter.ToInt16(frame, i * 2) : BitConverter.ToUInt16(frame, i * 2);
        }
        return samples;
    }
}
